package fazt.proto.mail;

/**
 * The body of {@code PUT /api/mail/relay}: the SMTP relay outbound mail goes through: {@code host}, {@code port}
 * (587 by default), {@code tls} ({@code starttls}: required, the default; {@code tls}: implicit TLS, port 465;
 * {@code none}: only for a relay on a trusted network), {@code username} and {@code password} for AUTH (both null for
 * none; the password is stored encrypted with the master key and never shown again; null keeps the stored one).
 */
public record RelayBody(String host, Integer port, String tls, String username, String password) {}
