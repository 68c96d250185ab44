package fazt.gateway.routing;

/**
 * The decoded path of a request, checked before it reaches storage: absolute, no {@code .} or {@code ..} segment, no
 * backslash or control character. {@link #relative()} is the site path without its leading slash.
 */
public record SitePath(String path) {
    /** Returns null when {@code decoded} is not a path any site can have (answered with 400). */
    public static SitePath parse(String decoded) {
        if (decoded == null || !decoded.startsWith("/") || decoded.length() > 2048) {
            return null;
        }
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c < 0x20 || c == 0x7f || c == '\\') {
                return null;
            }
        }
        for (String segment : decoded.substring(1).split("/", -1)) {
            if (segment.equals("..") || segment.equals(".")) {
                return null;
            }
        }
        return new SitePath(decoded.replaceAll("/{2,}", "/"));
    }

    public String relative() {
        return path.substring(1);
    }

    public boolean isDirectory() {
        return path.endsWith("/");
    }
}
