package fazt.scheduler.domain;

import fazt.proto.runtime.HttpHeader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies HMAC-SHA256 signatures of webhook deliveries, comparing in constant time:
 * <ul>
 *   <li>{@code github}: header {@code X-Hub-Signature-256: sha256=<hex of HMAC(secret, body)>};</li>
 *   <li>{@code stripe}: header {@code Stripe-Signature: t=<unix seconds>,v1=<hex of HMAC(secret, "t.body")>[,v1=..]},
 *       refused when {@code t} is more than {@link #TOLERANCE} away from now (replayed deliveries).</li>
 * </ul>
 */
public final class WebhookSignature {
    /** How far a Stripe-style timestamp may be from now. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    public static final String GITHUB = "github";
    public static final String STRIPE = "stripe";
    public static final String NONE = "none";
    public static final List<String> SCHEMES = List.of(NONE, GITHUB, STRIPE);

    private WebhookSignature() {}

    /** Null when the delivery verifies, else why not (safe to record: it never contains the secret). */
    public static String refusal(String scheme, byte[] secret, List<HttpHeader> headers, byte[] body, Instant now) {
        return switch (scheme) {
            case NONE -> null;
            case GITHUB -> github(secret, header(headers, "X-Hub-Signature-256"), body);
            case STRIPE -> stripe(secret, header(headers, "Stripe-Signature"), body, now);
            default -> "unknown signature scheme";
        };
    }

    private static String github(byte[] secret, String header, byte[] body) {
        if (header == null) {
            return "missing X-Hub-Signature-256 header";
        }
        if (!header.startsWith("sha256=")) {
            return "X-Hub-Signature-256 is not sha256=<hex>";
        }
        return matches(hmac(secret, body), header.substring(7)) ? null : "signature does not match";
    }

    private static String stripe(byte[] secret, String header, byte[] body, Instant now) {
        if (header == null) {
            return "missing Stripe-Signature header";
        }
        String timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = part.substring(0, eq).trim();
            String value = part.substring(eq + 1).trim();
            if (key.equals("t")) {
                timestamp = value;
            } else if (key.equals("v1")) {
                signatures.add(value);
            }
        }
        long t;
        try {
            t = Long.parseLong(timestamp == null ? "" : timestamp);
        } catch (NumberFormatException e) {
            return "Stripe-Signature has no t=<unix seconds>";
        }
        if (signatures.isEmpty()) {
            return "Stripe-Signature has no v1 signature";
        }
        if (Math.abs(now.getEpochSecond() - t) > TOLERANCE.toSeconds()) {
            return "Stripe-Signature timestamp is outside the tolerance of " + TOLERANCE.toMinutes() + " minutes";
        }
        byte[] signed = concat((t + ".").getBytes(StandardCharsets.US_ASCII), body);
        byte[] expected = hmac(secret, signed);
        boolean any = false;
        for (String candidate : signatures) {
            any |= matches(expected, candidate); // no early exit: every candidate is compared
        }
        return any ? null : "signature does not match";
    }

    private static boolean matches(byte[] expected, String hex) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, given);
    }

    static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data == null ? new byte[0] : data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] body = b == null ? new byte[0] : b;
        byte[] out = new byte[a.length + body.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(body, 0, out, a.length, body.length);
        return out;
    }

    private static String header(List<HttpHeader> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.stream()
                .filter(h -> h.name() != null && h.name().equalsIgnoreCase(name))
                .map(HttpHeader::value)
                .findFirst()
                .orElse(null);
    }
}
