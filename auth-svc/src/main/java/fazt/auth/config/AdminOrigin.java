package fazt.auth.config;

import fazt.platform.service.BootstrapSettings;
import jakarta.inject.Singleton;
import java.net.URI;

/**
 * The admin origin ({@code https://admin.example.com}) links and token strings point at: the one the caller used, as
 * the gateway reports it, else {@code http://admin.<domain>[:port]} from the bootstrap settings.
 */
@Singleton
public final class AdminOrigin {
    private final String fallback;

    public AdminOrigin(BootstrapSettings settings) {
        int port = settings.httpPort();
        this.fallback = "http://admin." + settings.domain() + (port == 80 || port == 0 ? "" : ":" + port);
    }

    /** {@code reported} when it is a plain http(s) origin, else the configured one. */
    public String of(String reported) {
        if (reported != null && reported.length() <= 300) {
            try {
                URI uri = URI.create(reported);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                        && uri.getHost() != null
                        && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() == null
                        && uri.getRawUserInfo() == null) {
                    return reported;
                }
            } catch (IllegalArgumentException e) {
                // not a URI: use the configured origin
            }
        }
        return fallback;
    }

    public String configured() {
        return fallback;
    }
}
