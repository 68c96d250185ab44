package fazt.gateway.routing;

import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.MappedDomain;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The custom domains mapped to apps (docs/adr/0027-custom-domains.md), in memory: filled from
 * {@code svc.deploy.domains.get} at start and again now and then, kept current by {@link DomainChanged} events, so
 * routing a request never waits on a call. A host matches its exact mapping first, else the wildcard of its parent
 * ({@code a.example.com} → {@code *.example.com}; one level only). Mapped domains are routed in every state: pending
 * ones so their verification (and the user's own test) can reach the app, failed ones because DNS is what sends
 * traffic here and a failed check may be a passing outage; only certificates wait for a verified domain.
 */
public final class CustomDomains {
    private final Map<String, MappedDomain> byName = new ConcurrentHashMap<>();
    /** Domains an event touched since the running snapshot was asked for: the snapshot may be older for them. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();

    /** The mapping {@code host} (canonical: ASCII, lower case) falls under, if any. */
    public Optional<MappedDomain> lookup(String host) {
        MappedDomain exact = byName.get(host);
        if (exact != null) {
            return Optional.of(exact);
        }
        int dot = host.indexOf('.');
        if (dot <= 0 || host.indexOf('.', dot + 1) < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(byName.get("*" + host.substring(dot)));
    }

    /** Applies one event: REMOVED drops the domain, every other change stores it as it now stands. */
    public void apply(DomainChanged event) {
        MappedDomain domain = event.domain();
        if (domain == null || domain.domain() == null) {
            return;
        }
        touched.add(domain.domain());
        if (event.change() == DomainChanged.Change.REMOVED) {
            byName.remove(domain.domain());
        } else {
            byName.put(domain.domain(), domain);
        }
    }

    /** Call before asking for a snapshot: events from now on win over it. */
    public void snapshotAsked() {
        touched.clear();
    }

    /** Replaces the table with {@code snapshot}, except for the domains events changed since it was asked for. */
    public void replace(List<MappedDomain> snapshot) {
        Set<String> names = new HashSet<>();
        for (MappedDomain domain : snapshot) {
            names.add(domain.domain());
            if (!touched.contains(domain.domain())) {
                byName.put(domain.domain(), domain);
            }
        }
        byName.keySet().removeIf(name -> !names.contains(name) && !touched.contains(name));
    }

    /** Every mapped domain, by name. */
    public List<MappedDomain> all() {
        return byName.values().stream()
                .sorted(Comparator.comparing(MappedDomain::domain))
                .toList();
    }

    public int size() {
        return byName.size();
    }
}
