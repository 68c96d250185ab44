package fazt.proto.mail;

/**
 * The body of {@code POST /api/mail/addresses}: claim {@code address} ({@code support@example.com}, or
 * {@code *@example.com} for the domain's catch-all) for app {@code app} (its name), or, when {@code app} is null, for
 * the calling admin's own mailbox. The domain must be {@code FAZT_MAIL_DOMAIN} or a custom domain of this installation.
 */
public record AddressBody(String address, String app) {}
