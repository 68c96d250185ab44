package fazt.proto.mail;

import java.time.Instant;

/**
 * One address mail is accepted for: {@code address} (punycode domain; {@code *@domain} a catch-all), the
 * {@code mailbox} it delivers to ({@code app:<appId>} or {@code user:<userId>}), the app's {@code app} name (null for
 * a user's), its {@code kind} ({@code private}: the app's id address; {@code manifest}: claimed in {@code fazt.json};
 * {@code claimed}: through the API; {@code catch-all}; {@code postmaster}), and since when.
 */
public record AddressView(String address, String mailbox, String app, String kind, Instant createdAt) {}
