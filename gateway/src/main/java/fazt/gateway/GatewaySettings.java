package fazt.gateway;

import static fazt.platform.service.settings.Setting.AS_INT;

import fazt.gateway.config.GatewayConfig;
import fazt.gateway.doctor.DoctorConfig;
import fazt.gateway.edge.intake.TrustedProxies;
import fazt.gateway.edge.socket.EdgeLimits;
import fazt.gateway.invoke.FunctionConfig;
import fazt.gateway.tls.TlsConfig;
import fazt.platform.service.PlatformSettings;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import java.util.List;

/**
 * The gateway's settings (ADR 23): its file cache ({@link GatewayConfig}), function invocation ({@link FunctionConfig})
 * and the edge's socket limits ({@link EdgeLimits}, ADR 19).
 */
final class GatewaySettings {
    static final List<Setting> ALL = List.of(
            Setting.megabytes(
                            "FAZT_GATEWAY_CACHE_MB",
                            GatewayConfig.DEFAULT_CACHE_BYTES >> 20,
                            0,
                            65_536L,
                            "memory the gateway spends on cached file bodies")
                    .mapsTo("gateway.cache-bytes"),
            PlatformSettings.FUNCTION_TIMEOUT.mapsTo("gateway.functions.timeout-millis", AS_INT),
            Setting.megabytes(
                            "FAZT_FUNCTION_MAX_BODY_MB",
                            FunctionConfig.DEFAULT_MAX_BODY_BYTES >> 20,
                            1,
                            65_536L,
                            "largest request body passed to a function (413 beyond)")
                    .mapsTo("gateway.functions.max-body-bytes"),
            Setting.millis(
                            "FAZT_HTTP_HEADER_TIMEOUT_MS",
                            EdgeLimits.DEFAULT_HEADER_TIMEOUT_MILLIS,
                            100,
                            600_000L,
                            "a request's head must arrive within this of its first byte (a new connection must send one "
                                    + "within it): else 408 and closed")
                    .mapsTo("gateway.edge.header-timeout-millis", AS_INT),
            Setting.millis(
                            "FAZT_HTTP_IDLE_TIMEOUT_MS",
                            EdgeLimits.DEFAULT_IDLE_TIMEOUT_MILLIS,
                            100,
                            3_600_000L,
                            "a kept-alive connection with no request in flight is closed after this")
                    .mapsTo("gateway.edge.idle-timeout-millis", AS_INT),
            Setting.millis(
                            "FAZT_HTTP_BODY_TIMEOUT_MS",
                            EdgeLimits.DEFAULT_BODY_TIMEOUT_MILLIS,
                            100,
                            3_600_000L,
                            "longest stall of a request body: else 408")
                    .mapsTo("gateway.edge.body-timeout-millis", AS_INT),
            Setting.number(
                            "FAZT_HTTP_MIN_BODY_RATE",
                            (long) EdgeLimits.DEFAULT_MIN_BODY_RATE,
                            0,
                            1L << 30,
                            "bytes per second a request body must average after its first 10 s: else 408")
                    .unit("bytes per second")
                    .mapsTo("gateway.edge.min-body-rate", AS_INT),
            Setting.number(
                            "FAZT_HTTP_MAX_CONNECTIONS",
                            (long) EdgeLimits.DEFAULT_MAX_CONNECTIONS,
                            1,
                            1_000_000L,
                            "open connections in all (503 beyond)")
                    .unit("a count")
                    .mapsTo("gateway.edge.max-connections", AS_INT),
            Setting.number(
                            "FAZT_HTTP_MAX_CONNECTIONS_PER_CLIENT",
                            (long) EdgeLimits.DEFAULT_MAX_CONNECTIONS_PER_CLIENT,
                            1,
                            1_000_000L,
                            "open connections per client address (429 beyond; trusted proxies count only in all)")
                    .unit("a count")
                    .mapsTo("gateway.edge.max-connections-per-client", AS_INT),
            Setting.of(
                            "FAZT_TRUSTED_PROXIES",
                            SettingType.STRING,
                            null,
                            "CIDRs of reverse proxies whose `X-Forwarded-For`/`-Proto` and `Forwarded` headers count (client "
                                    + "address for limits and login throttling, the scheme); from anyone else they are ignored")
                    .defaultText("empty")
                    .parsedBy(GatewaySettings::trustedProxies)
                    .mapsTo("gateway.edge.trusted-proxies"),
            Setting.number(
                            "FAZT_HTTPS_PORT",
                            null,
                            0,
                            65_535L,
                            "the public HTTPS port (TLS 1.2 and 1.3, certificates by SNI, ADR 28); unset: no HTTPS")
                    .unit("a port")
                    .mapsTo("gateway.tls.https-port", AS_INT),
            Setting.number(
                            "FAZT_HTTPS_PUBLIC_PORT",
                            null,
                            1,
                            65_535L,
                            "the HTTPS port clients reach, named in redirects when it differs from `FAZT_HTTPS_PORT` (a "
                                    + "container publishing 443 for 8443)")
                    .unit("a port")
                    .defaultText("`FAZT_HTTPS_PORT`")
                    .mapsTo("gateway.tls.public-port", AS_INT),
            Setting.bool(
                            "FAZT_HTTP_REUSE_PORT",
                            false,
                            "listen with SO_REUSEPORT, so an upgrade's new gateway serves beside the old one on the "
                                    + "same ports (`scripts/stack` sets it; docs/upgrade.md)")
                    .mapsTo("gateway.edge.reuse-port"),
            Setting.bool(
                            "FAZT_HTTP_REDIRECT",
                            false,
                            "answer plain HTTP with 308 to HTTPS (not ACME challenges nor "
                                    + "`/.well-known/fazt/`); needs `FAZT_HTTPS_PORT`")
                    .mapsTo("gateway.tls.redirect"),
            Setting.number(
                            "FAZT_HSTS_MAX_AGE",
                            TlsConfig.DEFAULT_HSTS_MAX_AGE,
                            0,
                            63_072_000L,
                            "`Strict-Transport-Security` max-age on HTTPS answers; 0: no header")
                    .unit("seconds")
                    .mapsTo("gateway.tls.hsts-max-age"),
            Setting.of(
                            "FAZT_ACME_DIRECTORY",
                            SettingType.URL,
                            TlsConfig.LETS_ENCRYPT,
                            "the ACME CA's directory, where certificates are ordered")
                    .mapsTo("gateway.tls.acme-directory"),
            Setting.of(
                            "FAZT_ACME_EMAIL",
                            SettingType.STRING,
                            null,
                            "contact address of the ACME account (the CA's expiry notices)")
                    .defaultText("none")
                    .mapsTo("gateway.tls.acme-email"),
            Setting.of(
                            "FAZT_ACME_CA_BUNDLE",
                            SettingType.STRING,
                            null,
                            "a PEM file of CA certificates trusted for the ACME directory's own TLS (a private or test CA)")
                    .defaultText("the JVM's trust store")
                    .mapsTo("gateway.tls.acme-ca-bundle"),
            Setting.number(
                            "FAZT_ACME_RENEW_AT_PERCENT",
                            (long) TlsConfig.DEFAULT_RENEW_AT_PERCENT,
                            0,
                            99L,
                            "a certificate is renewed once this share of its lifetime has passed")
                    .unit("percent")
                    .mapsTo("gateway.tls.renew-at-percent", AS_INT),
            Setting.number(
                            "FAZT_ACME_ORDERS_PER_3H",
                            (long) TlsConfig.DEFAULT_ORDERS_PER_WINDOW,
                            1,
                            100_000L,
                            "new certificate orders per 3 hours (the CA's rate limit); more wait in a backlog")
                    .unit("a count")
                    .mapsTo("gateway.tls.orders-per-window", AS_INT),
            Setting.millis(
                            "FAZT_TLS_HANDSHAKE_TIMEOUT_MS",
                            TlsConfig.DEFAULT_HANDSHAKE_TIMEOUT_MILLIS,
                            100,
                            600_000L,
                            "a TLS handshake must complete within this (plus the wait for a certificate ordered on demand)")
                    .mapsTo("gateway.tls.handshake-timeout-millis", AS_INT),
            Setting.of(
                            "FAZT_ACME_CHALLENGE",
                            SettingType.STRING,
                            TlsConfig.AUTO,
                            "ACME validation: `http-01` (the CA reaches port 80), `tls-alpn-01` (the CA reaches port "
                                    + "443) or `auto` (HTTP-01 first; a name whose validation failed tries the other next)")
                    .parsedBy(GatewaySettings::challenge)
                    .mapsTo("gateway.tls.acme-challenge"),
            PlatformSettings.SMTP_HOSTNAME.mapsTo("gateway.tls.smtp-hostname"),
            PlatformSettings.MAIL_DOMAIN.mapsTo("gateway.tls.mail-domain"),
            Setting.of(
                            "FAZT_PUBLIC_ADDRESS",
                            SettingType.STRING,
                            null,
                            "this installation's public IP addresses (comma-separated): `fazt doctor` checks that custom"
                                    + " domains point at them")
                    .defaultText("what `admin.<FAZT_DOMAIN>` resolves to")
                    .parsedBy(value -> {
                        DoctorConfig.addresses(value);
                        return value.strip();
                    })
                    .mapsTo("gateway.doctor.public-address"),
            Setting.of(
                            "FAZT_DOCTOR_DNS",
                            SettingType.STRING,
                            null,
                            "DNS server (`host:port`) of `fazt doctor`'s lookups of custom domains")
                    .defaultText("the system's resolvers")
                    .parsedBy(GatewaySettings::dnsServer)
                    .mapsTo("gateway.doctor.dns"));

    private GatewaySettings() {}

    private static String challenge(String value) {
        if (!List.of(TlsConfig.AUTO, TlsConfig.HTTP_01, TlsConfig.TLS_ALPN_01).contains(value)) {
            throw new IllegalArgumentException("expected auto, http-01 or tls-alpn-01, got \"" + value + "\"");
        }
        return value;
    }

    private static String dnsServer(String value) {
        String server = value.strip();
        int colon = server.lastIndexOf(':');
        if (colon == 0 || server.isEmpty()) {
            throw new IllegalArgumentException("expected host:port or host, got \"" + value + "\"");
        }
        if (colon > 0) {
            try {
                int port = Integer.parseInt(server.substring(colon + 1));
                if (port < 1 || port > 65_535) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected host:port with a port 1-65535, got \"" + value + "\"");
            }
        }
        return server;
    }

    private static String trustedProxies(String value) {
        try {
            TrustedProxies.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "expected comma-separated CIDRs such as 10.0.0.0/8: " + e.getMessage(), e);
        }
        return value;
    }
}
