package fazt.proto.mail;

/** One header of a received message as it arrived ({@code value} decoded from RFC 2047 words), in order. */
public record MailHeader(String name, String value) {}
