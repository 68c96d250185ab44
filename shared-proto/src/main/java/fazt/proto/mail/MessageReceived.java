package fazt.proto.mail;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * A message was stored in {@code mailbox} ({@code app:<appId>} or {@code user:<userId>}) for recipient {@code to}.
 */
@MessageType("mail.message_received.v1")
public record MessageReceived(String eventId, String messageId, String mailbox, String to, long rawSize, Instant at) {}
