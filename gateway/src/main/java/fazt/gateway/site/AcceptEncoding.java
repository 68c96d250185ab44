package fazt.gateway.site;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Chooses the coding of a compressible response from {@code Accept-Encoding} (RFC 9110 §12.5.3): the acceptable
 * coding with the highest weight, brotli on a tie (smaller, and every browser that sends it decodes it well).
 * {@code q=0} rules a coding out, {@code *} stands for codings not named. No header means identity: RFC 9110 would
 * allow any coding, but clients that send none (scripts, old proxies) are the ones that cannot decode.
 */
final class AcceptEncoding {
    private static final Pattern QVALUE = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");

    private AcceptEncoding() {}

    static ContentCoding negotiate(String field, boolean brotliAvailable) {
        if (field == null || field.isBlank()) {
            return ContentCoding.IDENTITY;
        }
        double brotli = -1;
        double gzip = -1;
        double any = -1;
        for (String member : field.split(",")) {
            int semicolon = member.indexOf(';');
            String coding = (semicolon < 0 ? member : member.substring(0, semicolon))
                    .trim()
                    .toLowerCase(Locale.ROOT);
            double q = semicolon < 0 ? 1 : weight(member.substring(semicolon + 1));
            switch (coding) {
                case "br" -> brotli = Math.max(brotli, q);
                case "gzip", "x-gzip" -> gzip = Math.max(gzip, q);
                case "*" -> any = Math.max(any, q);
                default -> {}
            }
        }
        brotli = brotli >= 0 ? brotli : any;
        gzip = gzip >= 0 ? gzip : any;
        if (brotliAvailable && brotli > 0 && brotli >= gzip) {
            return ContentCoding.BROTLI;
        }
        return gzip > 0 ? ContentCoding.GZIP : ContentCoding.IDENTITY;
    }

    /** The {@code q} of a member's parameters; 1 when absent, 0 when unreadable (never guess a client wants it). */
    private static double weight(String parameters) {
        for (String parameter : parameters.split(";")) {
            String p = parameter.trim();
            if (p.length() >= 2 && (p.charAt(0) == 'q' || p.charAt(0) == 'Q') && p.charAt(1) == '=') {
                String value = p.substring(2).trim();
                if (!QVALUE.matcher(value).matches()) {
                    return 0;
                }
                return Double.parseDouble(value);
            }
        }
        return 1;
    }
}
