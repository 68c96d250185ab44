package fazt.scheduler.domain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Matches a request path against an app's declared async path patterns ({@code fazt.json} {@code async}, relative to
 * {@code /api/}): {@code *} matches any characters within one segment, a final {@code **} one or more further
 * segments. The path is percent-decoded segment by segment first; a path that does not decode (bad escapes, invalid
 * UTF-8), or has an empty, {@code .} or {@code ..} segment, or a segment that decodes to {@code /}, {@code \} or a
 * control character, matches nothing, so no spelling of a path reaches an entry point that was not declared.
 */
final class AsyncPaths {
    private static final String API = "/api/";

    private AsyncPaths() {}

    static boolean matches(List<String> patterns, String rawPath) {
        if (patterns.isEmpty() || rawPath == null || !rawPath.startsWith(API)) {
            return false;
        }
        List<String> segments = segments(rawPath.substring(API.length()));
        if (segments == null) {
            return false;
        }
        for (String pattern : patterns) {
            if (matches(pattern.split("/", -1), segments)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String[] pattern, List<String> segments) {
        boolean rest = pattern[pattern.length - 1].equals("**");
        int fixed = rest ? pattern.length - 1 : pattern.length;
        if (rest ? segments.size() <= fixed : segments.size() != fixed) {
            return false;
        }
        for (int i = 0; i < fixed; i++) {
            if (!glob(pattern[i]).matcher(segments.get(i)).matches()) {
                return false;
            }
        }
        return true;
    }

    private static Pattern glob(String segment) {
        StringBuilder regex = new StringBuilder();
        for (String literal : segment.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[^/]*");
            }
            regex.append(Pattern.quote(literal));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** The decoded segments of {@code path}, or null when it is not a clean path. */
    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String raw : path.split("/", -1)) {
            String segment = decode(raw);
            if (segment == null
                    || segment.isEmpty()
                    || segment.equals(".")
                    || segment.equals("..")
                    || segment.chars().anyMatch(c -> c == '/' || c == '\\' || Character.isISOControl(c))) {
                return null;
            }
            segments.add(segment);
        }
        return segments;
    }

    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi << 4 | lo);
                i += 2;
            } else if (c > 0x7f) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
