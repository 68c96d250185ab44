package fazt.proto.mail;

import fazt.proto.MessageType;

/**
 * A message was queued durably: its outbound {@code id} (for {@code GET /api/mail/outbound/{id}}), the
 * {@code messageId} header fazt gave it (without angle brackets) and its {@code status} ({@code queued}).
 */
@MessageType("mail.send_answer.v1")
public record SendAnswer(String id, String messageId, String status) {}
