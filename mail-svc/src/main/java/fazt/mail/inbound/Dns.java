package fazt.mail.inbound;

import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The DNS client of the SPF, DKIM and DMARC checks (dnsjava): {@code FAZT_MAIL_DNS} ({@code host:port}) or the
 * system's resolvers, each query bounded by {@link #TIMEOUT}.
 */
public final class Dns {
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A lookup that could not be answered (timeout, server failure): the check's result is {@code temperror}. */
    public static final class DnsFailure extends Exception {
        public DnsFailure(String message) {
            super(message);
        }
    }

    private final Resolver resolver;

    private Dns(Resolver resolver) {
        this.resolver = resolver;
    }

    /** {@code server} is {@code host:port}, {@code host}, or null/blank for the system's resolvers. */
    public static Dns of(String server) {
        try {
            Resolver resolver;
            if (server == null || server.isBlank()) {
                resolver = new ExtendedResolver();
            } else {
                int colon = server.lastIndexOf(':');
                SimpleResolver simple = new SimpleResolver(colon > 0 ? server.substring(0, colon) : server);
                if (colon > 0) {
                    simple.setPort(Integer.parseInt(server.substring(colon + 1)));
                }
                resolver = simple;
            }
            resolver.setTimeout(TIMEOUT);
            return new Dns(resolver);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("FAZT_MAIL_DNS is not host:port: " + server, e);
        }
    }

    public Resolver resolver() {
        return resolver;
    }

    /** The TXT records of {@code name}, each one string (its pieces joined); empty when the name has none. */
    public List<String> txt(String name) throws DnsFailure {
        Lookup lookup;
        try {
            lookup = new Lookup(Name.fromString(name.endsWith(".") ? name : name + "."), Type.TXT);
        } catch (TextParseException e) {
            return List.of();
        }
        lookup.setResolver(resolver);
        lookup.setCache(new Cache());
        Record[] records = lookup.run();
        int result = lookup.getResult();
        if (result == Lookup.TRY_AGAIN) {
            throw new DnsFailure("DNS lookup of " + name + " failed: " + lookup.getErrorString());
        }
        List<String> out = new ArrayList<>();
        if (records != null) {
            for (Record r : records) {
                if (r instanceof TXTRecord txt) {
                    out.add(String.join("", txt.getStrings()));
                }
            }
        }
        return out;
    }
}
