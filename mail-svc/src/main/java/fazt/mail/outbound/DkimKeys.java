package fazt.mail.outbound;

import fazt.platform.service.crypto.MasterKeyCipher;
import fazt.platform.service.db.Sql;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.james.jdkim.DKIMSigner;
import org.apache.james.jdkim.exceptions.FailException;

/**
 * The DKIM keys of the sending domains (table {@code dkim_key}): generated on first use (RSA 2048, selector
 * {@code fazt<yyyymm>}), the private key sealed with the master key, and the signing of outgoing messages with
 * Apache jDKIM ({@code rsa-sha256}, relaxed/relaxed, the headers that matter which the message has).
 */
public final class DkimKeys {
    static final String CIPHER_INFO = "fazt/mail/dkim/v1";
    private static final DateTimeFormatter SELECTOR = DateTimeFormatter.ofPattern("'fazt'yyyyMM");
    private static final List<String> SIGNED_HEADERS = List.of(
            "from",
            "to",
            "cc",
            "reply-to",
            "subject",
            "date",
            "message-id",
            "in-reply-to",
            "references",
            "mime-version",
            "content-type",
            "content-transfer-encoding",
            "resent-from",
            "resent-to",
            "resent-date",
            "resent-message-id",
            "list-unsubscribe");

    private final Sql db;
    private final MasterKeyCipher cipher;
    private final Clock clock;

    public DkimKeys(Sql db, String masterKey, Clock clock) {
        this.db = db;
        this.cipher = new MasterKeyCipher(masterKey, CIPHER_INFO);
        this.clock = clock;
    }

    /** A domain's key: its selector, the private key, and the public key as X.509 SubjectPublicKeyInfo. */
    public record DkimKey(String domain, String selector, PrivateKey privateKey, byte[] publicKey) {
        /** The TXT record of {@code <selector>._domainkey.<domain>}. */
        public String txtValue() {
            return "v=DKIM1; k=rsa; p=" + Base64.getEncoder().encodeToString(publicKey);
        }
    }

    /** The key of {@code domain}, if one was generated. */
    public Optional<DkimKey> find(String domain) {
        return db.optional(
                "SELECT domain, selector, key_version, private_nonce, private_ciphertext, public_key FROM dkim_key"
                        + " WHERE domain = ?",
                r -> {
                    byte[] pkcs8 = cipher.open(
                            associated(r.getString(1)),
                            new MasterKeyCipher.Sealed(r.getInt(3), r.getBytes(4), r.getBytes(5)));
                    try {
                        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
                        return new DkimKey(r.getString(1), r.getString(2), key, r.getBytes(6));
                    } catch (GeneralSecurityException e) {
                        throw new IllegalStateException("stored DKIM key of " + r.getString(1) + " is unreadable", e);
                    } finally {
                        Arrays.fill(pkcs8, (byte) 0);
                    }
                },
                domain.toLowerCase(Locale.ROOT));
    }

    /** The key of {@code domain}, generated now when there is none (two instances racing keep the first). */
    public DkimKey keyFor(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        Optional<DkimKey> existing = find(d);
        if (existing.isPresent()) {
            return existing.get();
        }
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        MasterKeyCipher.Sealed sealed = cipher.seal(associated(d), pkcs8);
        Arrays.fill(pkcs8, (byte) 0);
        db.update(
                "INSERT INTO dkim_key (domain, selector, key_version, private_nonce, private_ciphertext, public_key,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (domain) DO NOTHING",
                d,
                SELECTOR.format(clock.instant().atZone(ZoneOffset.UTC)),
                sealed.keyVersion(),
                sealed.nonce(),
                sealed.ciphertext(),
                pair.getPublic().getEncoded(),
                clock.instant());
        return find(d).orElseThrow();
    }

    /** {@code raw} with a {@code DKIM-Signature} header of {@code key} in front. */
    public static byte[] sign(byte[] raw, DkimKey key) {
        String template = "v=1; a=rsa-sha256; c=relaxed/relaxed; d=" + key.domain() + "; s=" + key.selector() + "; h="
                + String.join(":", presentHeaders(raw)) + "; bh=; b=;";
        try {
            String header = new DKIMSigner(template, key.privateKey()).sign(new ByteArrayInputStream(raw));
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length + header.length() + 2);
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write('\r');
            out.write('\n');
            out.write(raw);
            return out.toByteArray();
        } catch (IOException | FailException e) {
            throw new IllegalStateException("DKIM signing failed for " + key.domain(), e);
        }
    }

    /** The names among {@link #SIGNED_HEADERS} that {@code raw}'s header section holds, in that order. */
    static List<String> presentHeaders(byte[] raw) {
        Set<String> present = new java.util.HashSet<>();
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !Character.isWhitespace(line.charAt(0))) {
                present.add(line.substring(0, colon).strip().toLowerCase(Locale.ROOT));
            }
        }
        List<String> out = new ArrayList<>();
        for (String h : SIGNED_HEADERS) {
            if (present.contains(h)) {
                out.add(h);
            }
        }
        return out;
    }

    private static byte[] associated(String domain) {
        return ("dkim:" + domain).getBytes(StandardCharsets.UTF_8);
    }
}
