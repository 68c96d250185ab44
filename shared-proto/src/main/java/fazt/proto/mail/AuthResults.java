package fazt.proto.mail;

/**
 * How a received message authenticated (RFC 8601 words): {@code spf}, {@code dkim}, {@code dmarc} each one of
 * {@code pass}, {@code fail}, {@code softfail}, {@code neutral}, {@code none}, {@code temperror}, {@code permerror};
 * {@code dkimDomain} the signing domain that passed (null if none), {@code dmarcPolicy} the sender domain's published
 * policy ({@code none}, {@code quarantine}, {@code reject}, or null without a record).
 */
public record AuthResults(String spf, String dkim, String dkimDomain, String dmarc, String dmarcPolicy) {}
