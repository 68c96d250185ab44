package fazt.proto.mail;

/** One DNS record to publish: {@code type} ({@code MX}, {@code TXT}), {@code name}, {@code value}, and why. */
public record DnsRecord(String type, String name, String value, String purpose) {}
