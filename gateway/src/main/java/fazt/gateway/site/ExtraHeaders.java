package fazt.gateway.site;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headers an app's manifest adds to its static responses. They replace the computed ones of the same name, so an
 * app can choose its own {@code Cache-Control} or {@code Content-Type}; {@code Vary} adds to ours. Fields that
 * frame the message or that this server computes from the body are ignored: a wrong one would corrupt the response
 * or a cache. A name or value that is not valid HTTP is skipped rather than failing the request.
 */
final class ExtraHeaders {
    private static final Logger log = LoggerFactory.getLogger(ExtraHeaders.class);
    private static final Set<String> RESERVED = Set.of(
            "content-length",
            "transfer-encoding",
            "content-encoding",
            "content-range",
            "accept-ranges",
            "etag",
            "last-modified",
            "date",
            "connection",
            "keep-alive",
            "upgrade",
            "trailer",
            "te",
            "proxy-connection");

    private ExtraHeaders() {}

    static void apply(Map<String, String> extra, HttpHeaders headers) {
        if (extra == null || extra.isEmpty()) {
            return;
        }
        for (Map.Entry<String, String> header : extra.entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name == null || value == null || !validName(name) || !validValue(value)) {
                log.debug("site extra header skipped name={}", name);
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (RESERVED.contains(lower)) {
                continue;
            }
            if (AsciiString.contentEqualsIgnoreCase(lower, HttpHeaderNames.VARY)
                    && headers.contains(HttpHeaderNames.VARY)) {
                headers.set(HttpHeaderNames.VARY, headers.get(HttpHeaderNames.VARY) + ", " + value.trim());
            } else {
                headers.set(name, value.trim());
            }
        }
    }

    private static boolean validName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean token = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!token) {
                return false;
            }
        }
        return true;
    }

    private static boolean validValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
                return false;
            }
        }
        return true;
    }
}
