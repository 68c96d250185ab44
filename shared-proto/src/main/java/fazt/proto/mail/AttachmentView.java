package fazt.proto.mail;

/**
 * One attachment of a received message, in MIME order: {@code index} (the {@code part} of a {@link PartRequest}),
 * {@code filename} (may be null), {@code contentType}, decoded {@code size} in bytes, {@code contentId} when inline.
 */
public record AttachmentView(int index, String filename, String contentType, long size, String contentId) {}
