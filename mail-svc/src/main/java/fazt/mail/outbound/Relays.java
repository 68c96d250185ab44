package fazt.mail.outbound;

import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.platform.service.db.Sql;
import fazt.proto.mail.RelayBody;
import fazt.proto.mail.RelayView;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The relay outbound mail goes through (table {@code relay}, one row): set by {@code PUT /mail/relay}, its password
 * sealed with the master key and opened only to log in to the relay; never shown, never logged.
 */
public final class Relays {
    static final String CIPHER_INFO = "fazt/mail/relay/v1";
    private static final byte[] ASSOCIATED = "relay".getBytes(StandardCharsets.UTF_8);
    static final List<String> TLS_MODES = List.of("starttls", "tls", "none");

    private final Sql db;
    private final MasterKeyCipher cipher;
    private final Clock clock;

    public Relays(Sql db, String masterKey, Clock clock) {
        this.db = db;
        this.cipher = new MasterKeyCipher(masterKey, CIPHER_INFO);
        this.clock = clock;
    }

    /** The relay as a delivery uses it, with its password opened (null: none). */
    public record Relay(String host, int port, String tls, String username, String password, Instant updatedAt) {
        @Override
        public String toString() {
            return "Relay[" + host + ":" + port + ", tls=" + tls + ", username=" + username + "]";
        }
    }

    public Optional<Relay> current() {
        return db.optional(
                "SELECT host, port, tls, username, password_key_version, password_nonce, password_ciphertext,"
                        + " updated_at FROM relay WHERE id = 1",
                r -> {
                    String password = null;
                    if (r.getBytes(7) != null) {
                        password = new String(
                                cipher.open(
                                        ASSOCIATED,
                                        new MasterKeyCipher.Sealed(r.getInt(5), r.getBytes(6), r.getBytes(7))),
                                StandardCharsets.UTF_8);
                    }
                    return new Relay(
                            r.getString(1),
                            r.getInt(2),
                            r.getString(3),
                            r.getString(4),
                            password,
                            Sql.instant(r, "updated_at"));
                });
    }

    /** What {@code GET /mail/relay} shows: never the password, only whether one is stored. */
    public RelayView view() {
        return db.optional(
                        "SELECT host, port, tls, username, password_ciphertext IS NOT NULL, updated_at FROM relay"
                                + " WHERE id = 1",
                        r -> new RelayView(
                                true,
                                r.getString(1),
                                r.getInt(2),
                                r.getString(3),
                                r.getString(4),
                                r.getBoolean(5),
                                Sql.instant(r, "updated_at")))
                .orElse(new RelayView(false, null, null, null, null, false, null));
    }

    /**
     * Sets the relay. A null password keeps the stored one (when the username stays set); a null username removes
     * both. Throws {@link OutboundException.InvalidRequest} naming the wrong field.
     */
    public RelayView set(RelayBody body) {
        if (body == null || body.host() == null || body.host().isBlank()) {
            throw new OutboundException.InvalidRequest("host", "The relay needs a host.");
        }
        String host = body.host().strip().toLowerCase(Locale.ROOT);
        if (host.length() > 253 || !host.matches("[a-z0-9.:\\[\\]-]+")) {
            throw new OutboundException.InvalidRequest("host", "host is a host name or an IP address.");
        }
        String tls = body.tls() == null ? "starttls" : body.tls().strip().toLowerCase(Locale.ROOT);
        if (!TLS_MODES.contains(tls)) {
            throw new OutboundException.InvalidRequest("tls", "tls is one of starttls, tls, none.");
        }
        int port = body.port() != null ? body.port() : tls.equals("tls") ? 465 : 587;
        if (port < 1 || port > 65535) {
            throw new OutboundException.InvalidRequest("port", "port is from 1 to 65535.");
        }
        String username = body.username() == null || body.username().isBlank() ? null : body.username();
        if (username != null && (username.length() > 255 || username.matches("(?s).*[\\r\\n\\x00].*"))) {
            throw new OutboundException.InvalidRequest("username", "username is at most 255 characters, one line.");
        }
        if (body.password() != null
                && (body.password().length() > 1024 || body.password().contains("\0"))) {
            throw new OutboundException.InvalidRequest("password", "password is at most 1024 characters.");
        }
        if (username == null && body.password() != null && !body.password().isEmpty()) {
            throw new OutboundException.InvalidRequest("username", "A password needs a username.");
        }
        Instant now = clock.instant();
        MasterKeyCipher.Sealed sealed = username == null || body.password() == null
                ? null
                : cipher.seal(ASSOCIATED, body.password().getBytes(StandardCharsets.UTF_8));
        db.inTransaction(c -> {
            try (var s = Sql.prepare(
                    c,
                    "INSERT INTO relay (id, host, port, tls, username, password_key_version, password_nonce,"
                            + " password_ciphertext, updated_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET host = excluded.host, port = excluded.port,"
                            + " tls = excluded.tls, username = excluded.username,"
                            + " password_key_version = CASE WHEN excluded.username IS NULL THEN NULL"
                            + "   WHEN excluded.password_ciphertext IS NULL THEN relay.password_key_version"
                            + "   ELSE excluded.password_key_version END,"
                            + " password_nonce = CASE WHEN excluded.username IS NULL THEN NULL"
                            + "   WHEN excluded.password_ciphertext IS NULL THEN relay.password_nonce"
                            + "   ELSE excluded.password_nonce END,"
                            + " password_ciphertext = CASE WHEN excluded.username IS NULL THEN NULL"
                            + "   WHEN excluded.password_ciphertext IS NULL THEN relay.password_ciphertext"
                            + "   ELSE excluded.password_ciphertext END,"
                            + " updated_at = excluded.updated_at",
                    host,
                    port,
                    tls,
                    username,
                    sealed == null ? null : sealed.keyVersion(),
                    sealed == null ? null : sealed.nonce(),
                    sealed == null ? null : sealed.ciphertext(),
                    now)) {
                s.executeUpdate();
            }
            return null;
        });
        return view();
    }
}
