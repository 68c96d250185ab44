package fazt.gateway.site;

/** A content coding a body is served in (RFC 9110 §8.4.1), with the suffix its variant adds to the ETag. */
public enum ContentCoding {
    IDENTITY("identity", ""),
    GZIP("gzip", "-gz"),
    BROTLI("br", "-br");

    private final String token;
    private final String etagSuffix;

    ContentCoding(String token, String etagSuffix) {
        this.token = token;
        this.etagSuffix = etagSuffix;
    }

    /** The coding's name in {@code Accept-Encoding} and {@code Content-Encoding}. */
    public String token() {
        return token;
    }

    String etagSuffix() {
        return etagSuffix;
    }
}
