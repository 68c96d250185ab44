package fazt.gateway.doctor;

import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.MappedDomain;
import fazt.proto.gateway.DoctorCheck;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * Whether each custom domain's A/AAAA records point here. "Here" is {@code FAZT_PUBLIC_ADDRESS} when set, else what
 * {@code admin.<FAZT_DOMAIN>} resolves to through the same DNS server. A verified domain pointing elsewhere is a FAIL
 * (its visitors reach another server); a domain not verified yet, a WARN. A wildcard is checked through one name
 * under it. Lookups run in parallel, each bounded by {@link #TIMEOUT}.
 */
final class DomainDns {
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The name looked up for a wildcard mapping {@code *.example.com}. */
    static final String WILDCARD_PROBE = "fazt-doctor";
    /** At most this many domains are looked up in one run; the rest are named in one line. */
    static final int MAX_DOMAINS = 200;

    private final Resolver resolver;
    private final String configuredHere;
    private final String adminHost;

    DomainDns(DoctorConfig config, String domain) {
        this.resolver = resolver(config.dns());
        this.configuredHere = config.publicAddress();
        this.adminHost = "admin." + domain;
    }

    List<DoctorCheck> check(List<MappedDomain> domains) throws InterruptedException {
        if (domains.isEmpty()) {
            return List.of(DoctorCheck.ok("domain", "-", "no custom domains mapped"));
        }
        Here here = here();
        if (here.addresses().isEmpty()) {
            return List.of(DoctorCheck.warn(
                    "domain",
                    "-",
                    "cannot tell this installation's address: " + here.source() + " has no A/AAAA record",
                    "set FAZT_PUBLIC_ADDRESS to the public IP address(es) your domains must point at"));
        }
        List<MappedDomain> checked = domains.size() > MAX_DOMAINS ? domains.subList(0, MAX_DOMAINS) : domains;
        List<DoctorCheck> checks = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<DoctorCheck>> asked = checked.stream()
                    .map(d -> threads.submit(() -> check(d, here)))
                    .toList();
            for (int i = 0; i < asked.size(); i++) {
                try {
                    checks.add(asked.get(i).get(TIMEOUT.toMillis() * 3, TimeUnit.MILLISECONDS));
                } catch (Exception e) {
                    checks.add(DoctorCheck.warn(
                            "domain", checked.get(i).domain(), "no DNS answer in time", "run fazt doctor again"));
                }
            }
        }
        if (domains.size() > MAX_DOMAINS) {
            checks.add(DoctorCheck.warn(
                    "domain",
                    "-",
                    (domains.size() - MAX_DOMAINS) + " more domains not checked",
                    "check them with dig; fazt doctor looks up the first " + MAX_DOMAINS));
        }
        return checks;
    }

    record Here(Set<String> addresses, String source) {}

    Here here() throws InterruptedException {
        if (configuredHere != null && !configuredHere.isBlank()) {
            return new Here(DoctorConfig.addresses(configuredHere), "FAZT_PUBLIC_ADDRESS");
        }
        return new Here(resolve(adminHost), adminHost);
    }

    private DoctorCheck check(MappedDomain mapped, Here here) throws InterruptedException {
        String name = mapped.domain().startsWith("*.")
                ? WILDCARD_PROBE + mapped.domain().substring(1)
                : mapped.domain();
        Set<String> found = resolve(name);
        boolean verified = mapped.state() == DomainState.VERIFIED;
        String target = here.addresses() + " (" + here.source() + ")";
        if (found.isEmpty()) {
            return problem(
                    verified,
                    mapped.domain(),
                    name + " has no A/AAAA record",
                    "point " + name + " at " + target + " (docs/domains.md)");
        }
        Set<String> elsewhere = new LinkedHashSet<>(found);
        elsewhere.removeAll(here.addresses());
        if (elsewhere.isEmpty()) {
            return DoctorCheck.ok("domain", mapped.domain(), name + " → " + found + ", here");
        }
        if (elsewhere.size() < found.size()) {
            return DoctorCheck.warn(
                    "domain",
                    mapped.domain(),
                    name + " → " + found + ": " + elsewhere + " is not here " + target,
                    "remove the records pointing elsewhere, or add those addresses to FAZT_PUBLIC_ADDRESS");
        }
        return problem(
                verified,
                mapped.domain(),
                name + " → " + found + ", not here " + target,
                "point " + name + " at " + target + " (docs/domains.md), or set FAZT_PUBLIC_ADDRESS if it is");
    }

    private static DoctorCheck problem(boolean verified, String domain, String measured, String advice) {
        return verified
                ? DoctorCheck.fail("domain", domain, measured, advice)
                : DoctorCheck.warn("domain", domain, measured + " (not verified yet)", advice);
    }

    /** The A and AAAA addresses of {@code host}; empty when it has none or the lookup failed. */
    Set<String> resolve(String host) throws InterruptedException {
        Set<String> addresses = new LinkedHashSet<>();
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup;
            try {
                lookup = new Lookup(Name.fromString(host.endsWith(".") ? host : host + "."), type);
            } catch (TextParseException e) {
                return addresses;
            }
            lookup.setResolver(resolver);
            lookup.setCache(new Cache());
            Record[] records = lookup.run();
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (records != null) {
                for (Record r : records) {
                    if (r instanceof ARecord a) {
                        addresses.add(a.getAddress().getHostAddress());
                    } else if (r instanceof AAAARecord aaaa) {
                        addresses.add(aaaa.getAddress().getHostAddress());
                    }
                }
            }
        }
        return addresses;
    }

    private static Resolver resolver(String server) {
        try {
            Resolver resolver;
            if (server == null || server.isBlank()) {
                resolver = new ExtendedResolver();
            } else {
                String s = server.strip();
                int colon = s.lastIndexOf(':');
                SimpleResolver simple = new SimpleResolver(colon > 0 ? s.substring(0, colon) : s);
                if (colon > 0) {
                    simple.setPort(Integer.parseInt(s.substring(colon + 1)));
                }
                resolver = simple;
            }
            resolver.setTimeout(TIMEOUT);
            return resolver;
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("FAZT_DOCTOR_DNS: expected host:port, got \"" + server + "\"", e);
        }
    }
}
