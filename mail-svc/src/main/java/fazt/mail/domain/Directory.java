package fazt.mail.domain;

import fazt.proto.deploy.MappedDomain;
import fazt.proto.deploy.TriggersReply;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What mail-svc knows of deploy-svc's apps and custom domains, in memory, for {@code RCPT} (ADR 30): fed by
 * {@code svc.deploy.triggers.get} and {@code svc.deploy.domains.get} at start and by deploy's app and domain events
 * (every instance follows them). Exact custom domains only: a wildcard mapping ({@code *.example.com}) receives no
 * mail.
 */
public final class Directory {
    /** One app as mail sees it: its id and current name, the local parts it claims, whether it has server code. */
    public record App(String appId, String name, List<String> mailAddresses, boolean serverCode) {
        static App of(TriggersReply.AppTriggers t) {
            return new App(
                    t.appId(),
                    t.name(),
                    t.mailAddresses() == null
                            ? List.of()
                            : t.mailAddresses().stream()
                                    .map(a -> a.toLowerCase(Locale.ROOT))
                                    .toList(),
                    Boolean.TRUE.equals(t.serverCode()));
        }
    }

    private final String mailDomain;
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, MappedDomain> domains = new ConcurrentHashMap<>();
    private volatile boolean appsLoaded;
    private volatile boolean domainsLoaded;

    public Directory(String mailDomain) {
        this.mailDomain = mailDomain.toLowerCase(Locale.ROOT);
    }

    public String mailDomain() {
        return mailDomain;
    }

    /** Replaces every app with {@code all} (the answer of {@code svc.deploy.triggers.get} for every app). */
    public void replaceApps(List<TriggersReply.AppTriggers> all) {
        Map<String, App> fresh = new ConcurrentHashMap<>();
        all.forEach(t -> fresh.put(t.appId(), App.of(t)));
        apps.keySet().retainAll(fresh.keySet());
        apps.putAll(fresh);
        appsLoaded = true;
    }

    /** Whether both apps and domains were loaded once: until then {@code RCPT} answers a temporary failure. */
    public boolean ready() {
        return appsLoaded && domainsLoaded;
    }

    /** One app's live state, or its removal ({@code triggers} null: deleted or without a live version). */
    public void putApp(String appId, TriggersReply.AppTriggers triggers) {
        if (triggers == null) {
            apps.remove(appId);
        } else {
            apps.put(appId, App.of(triggers));
        }
    }

    public void replaceDomains(List<MappedDomain> all) {
        Map<String, MappedDomain> fresh = new ConcurrentHashMap<>();
        all.stream().filter(d -> !d.domain().startsWith("*.")).forEach(d -> fresh.put(d.domain(), d));
        domains.keySet().retainAll(fresh.keySet());
        domains.putAll(fresh);
        domainsLoaded = true;
    }

    public void putDomain(MappedDomain domain) {
        if (!domain.domain().startsWith("*.")) {
            domains.put(domain.domain(), domain);
        }
    }

    public void removeDomain(String domain) {
        domains.remove(domain);
    }

    /** Whether mail for {@code domain} is this installation's: the mail domain or a mapped custom domain. */
    public boolean isLocal(String domain) {
        return domain.equals(mailDomain) || domains.containsKey(domain);
    }

    public Optional<App> app(String appId) {
        return Optional.ofNullable(apps.get(appId));
    }

    /** The app called {@code name} now. */
    public Optional<App> appNamed(String name) {
        return apps.values().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    /** The app whose private address has local part {@code local} (app ids compare case-insensitively). */
    public Optional<App> appWithId(String local) {
        App exact = apps.get(local);
        if (exact != null) {
            return Optional.of(exact);
        }
        return apps.values().stream()
                .filter(a -> a.appId().equalsIgnoreCase(local))
                .findFirst();
    }

    /** The app a custom domain is mapped to, if it claims {@code local} in its manifest. */
    public Optional<App> manifestOwner(Address address) {
        MappedDomain mapped = domains.get(address.domain());
        if (mapped == null) {
            return Optional.empty();
        }
        App app = apps.get(mapped.appId());
        return app != null && app.mailAddresses().contains(address.local()) ? Optional.of(app) : Optional.empty();
    }

    public Collection<App> apps() {
        return List.copyOf(apps.values());
    }

    public Collection<MappedDomain> domains() {
        return List.copyOf(domains.values());
    }
}
