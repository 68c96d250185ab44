package fazt.proto.mail;

import fazt.proto.MessageType;

/**
 * Read {@code length} bytes (at most {@link MailSubjects#CHUNK_SIZE}) from {@code offset} of one part of message
 * {@code messageId} in app {@code appId}'s mailbox: {@code part} -1 is the raw message as received, {@code 0..n-1}
 * the decoded content of attachment {@code n} as {@link MessageDetail#attachments()} lists them.
 */
@MessageType("mail.part_request.v1")
public record PartRequest(String appId, String messageId, int part, long offset, int length) {}
