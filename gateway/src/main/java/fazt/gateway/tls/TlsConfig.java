package fazt.gateway.tls;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

/**
 * HTTPS at the edge (ADR 28), from {@code FAZT_HTTPS_PORT} and friends: {@code httpsPort} (null: no HTTPS, the edge
 * speaks plain HTTP only), {@code publicPort} the HTTPS port redirects name (null: the bound one), {@code redirect} plain HTTP to HTTPS with 308, {@code hstsMaxAge} seconds of
 * {@code Strict-Transport-Security} on TLS answers (0: none), the ACME CA's {@code acmeDirectory}, the account's
 * contact {@code acmeEmail}, a PEM {@code acmeCaBundle} trusted for the directory's TLS (a test CA), the share of a
 * certificate's lifetime after which it is renewed ({@code renewAtPercent}), the CA's new-order budget
 * ({@code ordersPerWindow} per {@code orderWindowSeconds}), the TLS {@code handshakeTimeoutMillis}, the ACME
 * challenge type ({@code acmeChallenge}: {@value #AUTO}, {@value #HTTP_01} or {@value #TLS_ALPN_01}) and mail-svc's
 * SMTP host name ({@code smtpHostname}, else {@code mail.<mailDomain or FAZT_DOMAIN>}), whose certificate is ordered
 * ahead of time.
 */
@ConfigurationProperties("gateway.tls")
public record TlsConfig(
        @Nullable Integer httpsPort,
        @Nullable Integer publicPort,
        @Nullable Boolean redirect,
        @Nullable Long hstsMaxAge,
        @Nullable String acmeDirectory,
        @Nullable String acmeEmail,
        @Nullable String acmeCaBundle,
        @Nullable Integer renewAtPercent,
        @Nullable Integer ordersPerWindow,
        @Nullable Integer orderWindowSeconds,
        @Nullable Integer handshakeTimeoutMillis,
        @Nullable String acmeChallenge,
        @Nullable String smtpHostname,
        @Nullable String mailDomain) {
    public static final String LETS_ENCRYPT = "https://acme-v02.api.letsencrypt.org/directory";
    public static final long DEFAULT_HSTS_MAX_AGE = 0;
    public static final int DEFAULT_RENEW_AT_PERCENT = 66;
    /** Let's Encrypt allows 300 new orders per account per 3 hours. */
    public static final int DEFAULT_ORDERS_PER_WINDOW = 300;

    public static final int DEFAULT_ORDER_WINDOW_SECONDS = 3 * 3600;
    public static final int DEFAULT_HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    /** How long a handshake may wait for a certificate being ordered for its name (on demand). */
    public static final long ORDER_WAIT_MILLIS = 120_000;

    public static final String AUTO = "auto";
    public static final String HTTP_01 = "http-01";
    public static final String TLS_ALPN_01 = "tls-alpn-01";

    public TlsConfig {
        acmeChallenge = acmeChallenge != null && !acmeChallenge.isBlank() ? acmeChallenge : AUTO;
        redirect = redirect != null && redirect;
        hstsMaxAge = hstsMaxAge != null ? hstsMaxAge : DEFAULT_HSTS_MAX_AGE;
        acmeDirectory = acmeDirectory != null && !acmeDirectory.isBlank() ? acmeDirectory : LETS_ENCRYPT;
        renewAtPercent = renewAtPercent != null ? renewAtPercent : DEFAULT_RENEW_AT_PERCENT;
        ordersPerWindow = ordersPerWindow != null ? ordersPerWindow : DEFAULT_ORDERS_PER_WINDOW;
        orderWindowSeconds = orderWindowSeconds != null ? orderWindowSeconds : DEFAULT_ORDER_WINDOW_SECONDS;
        handshakeTimeoutMillis =
                handshakeTimeoutMillis != null ? handshakeTimeoutMillis : DEFAULT_HANDSHAKE_TIMEOUT_MILLIS;
    }

    public boolean enabled() {
        return httpsPort != null;
    }

    /** The SMTP host name whose certificate mail-svc asks for: set, else {@code mail.<mail domain or domain>}. */
    public String smtpHost(String domain) {
        if (smtpHostname != null && !smtpHostname.isBlank()) {
            return smtpHostname;
        }
        return "mail." + (mailDomain != null && !mailDomain.isBlank() ? mailDomain : domain);
    }
}
