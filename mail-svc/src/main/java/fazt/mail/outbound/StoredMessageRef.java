package fazt.mail.outbound;

/**
 * A received message an outbound message answers (a bounce): its id in V1's table {@code message}, the envelope
 * sender it came from ({@code MAIL FROM}, where the DSN goes) and the local recipient that refused it.
 */
public record StoredMessageRef(String messageId, String returnPath, String recipient) {}
