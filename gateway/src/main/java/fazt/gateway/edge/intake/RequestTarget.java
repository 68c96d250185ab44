package fazt.gateway.edge.intake;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A request target read once (ADR 19): origin-form {@code /path?query}, or absolute-form {@code http://host/path}
 * whose authority then stands for the Host. The path is percent-decoded exactly once as strict UTF-8, repeated slashes
 * merged and dot segments resolved; whatever could be read two ways (an encoded slash or backslash, a control
 * character, a {@code ..} above the root, an invalid escape or UTF-8 sequence) is refused instead.
 *
 * @param path the canonical path, always starting with {@code /}
 * @param rawQuery the query as sent (without {@code ?}), or null
 * @param authority the authority of an absolute-form target, or null for origin-form
 */
public record RequestTarget(String path, String rawQuery, String authority) {
    /** Longest decoded path (414 beyond). */
    public static final int MAX_PATH = 2048;

    /** Why a target was refused: the problem's type suffix and a sentence for the client. */
    public static final class Refused extends Exception {
        private final int status;
        private final String type;

        Refused(int status, String type, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.type = type;
        }

        public int status() {
            return status;
        }

        public String type() {
            return type;
        }
    }

    public static RequestTarget parse(String target) throws Refused {
        if (target == null || target.isEmpty()) {
            throw badRequest("The request has no target.");
        }
        String authority = null;
        String rest = target;
        if (!target.startsWith("/")) {
            String lower = target.toLowerCase(Locale.ROOT);
            int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
            if (schemeEnd < 0) {
                throw badRequest("The request target must be a path (/...) or an absolute http(s) URL.");
            }
            int slash = target.indexOf('/', schemeEnd);
            int question = target.indexOf('?', schemeEnd);
            int end = slash >= 0 ? slash : question >= 0 ? question : target.length();
            if (question >= 0 && question < end) {
                end = question;
            }
            authority = target.substring(schemeEnd, end);
            if (authority.isEmpty()) {
                throw badRequest("The absolute request target names no host.");
            }
            rest = end == target.length()
                    ? "/"
                    : target.charAt(end) == '?' ? "/" + target.substring(end) : target.substring(end);
        }
        if (rest.indexOf('#') >= 0) {
            throw badRequest("A request target carries no fragment (#).");
        }
        int q = rest.indexOf('?');
        String rawPath = q < 0 ? rest : rest.substring(0, q);
        String rawQuery = q < 0 ? null : rest.substring(q + 1);
        for (int i = 0; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                throw badPath(
                        "The request target holds a raw space, control or non-ASCII character; percent-encode it.");
            }
        }
        return new RequestTarget(canonical(decode(rawPath)), rawQuery, authority);
    }

    /** {@code path} percent-encoded for a URL: every byte outside RFC 3986's path characters as UTF-8 escapes. */
    public static String encode(String path) {
        StringBuilder out = null;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c < 0x80 && PATH_CHARS.indexOf(c) >= 0 || Character.isLetterOrDigit(c) && c < 0x80) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(path.length() + 16).append(path, 0, i);
            }
            int end = Character.isHighSurrogate(c) && i + 1 < path.length() ? i + 2 : i + 1;
            for (byte b : path.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                out.append('%').append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
            }
            i = end - 1;
        }
        return out == null ? path : out.toString();
    }

    private static final String PATH_CHARS = "/-._~!$&'()*+,;=:@";
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static String decode(String raw) throws Refused {
        if (raw.indexOf('%') < 0) {
            check(raw);
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c != '%') {
                bytes.put((byte) c);
                continue;
            }
            if (i + 2 >= raw.length()) {
                throw badPath("A % in the path must be followed by two hex digits.");
            }
            int hi = Character.digit(raw.charAt(i + 1), 16);
            int lo = Character.digit(raw.charAt(i + 2), 16);
            if (hi < 0 || lo < 0) {
                throw badPath("A % in the path must be followed by two hex digits.");
            }
            int b = (hi << 4) | lo;
            if (b == '/' || b == '\\') {
                throw badPath("An encoded slash or backslash (%2F, %5C) is not accepted in a path.");
            }
            bytes.put((byte) b);
            i += 2;
        }
        bytes.flip();
        String decoded;
        try {
            decoded = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes)
                    .toString();
        } catch (CharacterCodingException e) {
            throw badPath("The path does not decode to valid UTF-8.");
        }
        check(decoded);
        return decoded;
    }

    private static void check(String decoded) throws Refused {
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
                throw badPath("The path holds a control character.");
            }
            if (c == '\\') {
                throw badPath("The path holds a backslash.");
            }
        }
    }

    /** Merges repeated slashes and resolves dot segments; a {@code ..} above the root is refused. */
    private static String canonical(String decoded) throws Refused {
        if (decoded.length() > MAX_PATH) {
            throw new Refused(414, "uri-too-long", "The path is longer than " + MAX_PATH + " characters.");
        }
        List<String> segments = new ArrayList<>();
        String[] parts = decoded.split("/", -1);
        for (int i = 1; i < parts.length; i++) {
            String segment = parts[i];
            boolean last = i == parts.length - 1;
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw badPath("The path climbs above the root (..).");
                }
                segments.removeLast();
                if (last) {
                    segments.add("");
                }
            } else if (segment.equals(".") || (segment.isEmpty() && !last)) {
                if (last) {
                    segments.add("");
                }
            } else {
                segments.add(segment);
            }
        }
        StringBuilder path = new StringBuilder(decoded.length());
        for (String segment : segments) {
            path.append('/').append(segment);
        }
        return path.isEmpty() ? "/" : path.toString();
    }

    private static Refused badRequest(String detail) {
        return new Refused(400, "bad-request", detail);
    }

    private static Refused badPath(String detail) {
        return new Refused(400, "bad-path", detail);
    }
}
