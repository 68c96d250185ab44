package fazt.gateway.routing;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Maps a Host header to a {@link HostRoute}, as the architecture brief says: {@code <alias>.<domain>} → that app,
 * {@code admin.<domain>} → the admin API, {@code <domain>} and {@code root.<domain>} → the {@code root} app, a custom
 * domain ({@link CustomDomains}: exact, else a wildcard one level up) → the app it is mapped to, anything else → the
 * {@code 404} app. The host is normalised first: IDNA to ASCII, lower case, port and trailing dot dropped;
 * a missing or malformed Host is {@link HostRoute.Kind#BAD} (answered with 400).
 */
public final class HostRouter {
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+]");

    private final String domain;
    private final CustomDomains custom;

    public HostRouter(String domain) {
        this(domain, new CustomDomains());
    }

    public HostRouter(String domain, CustomDomains custom) {
        this.domain = domain;
        this.custom = custom;
    }

    public HostRoute route(String hostHeader) {
        String host = normalize(hostHeader);
        if (host == null) {
            return new HostRoute(HostRoute.Kind.BAD, null, hostHeader);
        }
        if (host.equals(domain) || host.equals(HostRoute.ROOT_APP + "." + domain)) {
            return new HostRoute(HostRoute.Kind.APP, HostRoute.ROOT_APP, host);
        }
        if (host.equals("admin." + domain)) {
            return new HostRoute(HostRoute.Kind.ADMIN, null, host);
        }
        if (host.endsWith("." + domain)) {
            String label = host.substring(0, host.length() - domain.length() - 1);
            if (LABEL.matcher(label).matches()) {
                return new HostRoute(HostRoute.Kind.APP, label, host);
            }
        }
        return custom.lookup(host)
                .map(m -> new HostRoute(HostRoute.Kind.APP, m.appName(), host, m.domain()))
                .orElseGet(() -> new HostRoute(HostRoute.Kind.UNKNOWN, HostRoute.NOT_FOUND_APP, host));
    }

    /** The canonical form of a Host header, or null when it is missing or malformed. */
    static String normalize(String header) {
        if (header == null) {
            return null;
        }
        String host = header.trim();
        if (host.isEmpty() || host.length() > 260) {
            return null;
        }
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0 || (end + 1 < host.length() && !validPort(host.substring(end + 1)))) {
                return null;
            }
            String literal = host.substring(0, end + 1).toLowerCase(Locale.ROOT);
            return IPV6.matcher(literal).matches() ? literal : null;
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            if (!validPort(host.substring(colon))) {
                return null;
            }
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (host.isEmpty() || host.length() > 253) {
            return null;
        }
        for (String label : host.split("\\.", -1)) {
            if (!LABEL.matcher(label).matches()) {
                return null;
            }
        }
        return host;
    }

    private static boolean validPort(String colonAndPort) {
        if (colonAndPort.length() < 2 || colonAndPort.length() > 6 || colonAndPort.charAt(0) != ':') {
            return false;
        }
        for (int i = 1; i < colonAndPort.length(); i++) {
            if (!Character.isDigit(colonAndPort.charAt(i))) {
                return false;
            }
        }
        return Integer.parseInt(colonAndPort.substring(1)) <= 65535;
    }
}
