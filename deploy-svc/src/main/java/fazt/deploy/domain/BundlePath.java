package fazt.deploy.domain;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A file path inside a bundle, checked: relative, {@code /}-separated, no {@code .} or {@code ..} segments, no empty
 * segment, no backslash, control character or NUL, at most 1024 characters. A leading {@code ./} (as tar writes it)
 * is dropped; a trailing {@code /} marks a directory entry.
 */
public final class BundlePath {
    static final int MAX_LENGTH = 1024;

    private BundlePath() {}

    /** Checks raw name bytes are UTF-8; a bundle made on a machine with another encoding is refused by name. */
    public static String decode(byte[] raw) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DeployException.BundleRejected(
                    new String(raw, StandardCharsets.UTF_8), "the name is not valid UTF-8");
        }
    }

    /** The normalized relative path of a file entry, or a {@link DeployException.BundleRejected} naming it. */
    public static String check(String name) {
        String path = name;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.isEmpty()) {
            throw new DeployException.BundleRejected(name, "empty path");
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw new DeployException.BundleRejected(name, "absolute paths are not allowed");
        }
        if (path.length() > MAX_LENGTH) {
            throw new DeployException.BundleRejected(name.substring(0, 64) + "…", "path longer than " + MAX_LENGTH);
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\\' || c < 0x20 || c == 0x7f) {
                throw new DeployException.BundleRejected(name, "backslashes and control characters are not allowed");
            }
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..")) {
                throw new DeployException.BundleRejected(name, "\"..\" would escape the site (zip slip)");
            }
            if (segment.equals(".") || segment.isEmpty()) {
                throw new DeployException.BundleRejected(name, "empty or \".\" path segments are not allowed");
            }
        }
        return path;
    }
}
