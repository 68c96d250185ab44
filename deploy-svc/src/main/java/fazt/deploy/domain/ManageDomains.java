package fazt.deploy.domain;

import fazt.proto.deploy.DomainState;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Custom domains of apps (docs/adr/0027-custom-domains.md): map, list, remove, verify. A new domain is pending until
 * its first check; a check that finds the token makes it verified, one that does not makes a pending or failed
 * domain failed (retried with backoff) and a verified one failed only after {@link #FAILURES_BEFORE_FAILED} in a
 * row. Verified domains are checked again every {@link #RECHECK}. Every change of state is published.
 */
public final class ManageDomains {
    /** Custom domains per app. */
    public static final int MAX_PER_APP = 50;
    /** Failed checks in a row before a verified domain counts as failed. */
    public static final int FAILURES_BEFORE_FAILED = 3;
    /** How often a verified domain is checked again. */
    public static final Duration RECHECK = Duration.ofHours(1);
    /** The first retry of a failed check; it doubles up to {@link #MAX_BACKOFF}. */
    public static final Duration FIRST_BACKOFF = Duration.ofSeconds(30);

    public static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final char[] TOKEN_CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    private static final Logger log = LoggerFactory.getLogger(ManageDomains.class);

    private final ManageApps apps;
    private final Domains domains;
    private final DomainEvents events;
    private final DomainCheck check;
    private final String baseDomain;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ManageDomains(
            ManageApps apps, Domains domains, DomainEvents events, DomainCheck check, String baseDomain, Clock clock) {
        this.apps = apps;
        this.domains = domains;
        this.events = events;
        this.check = check;
        this.baseDomain = baseDomain;
        this.clock = clock;
    }

    /** Maps {@code text} to app {@code appName}; returns the domain and whether it is new (false: already mapped here). */
    public Added add(String appName, String text) {
        App app = apps.get(appName);
        DomainName name = DomainName.parse(text, baseDomain);
        Optional<Domain> existing = domains.find(name.ascii());
        if (existing.isPresent() && existing.get().appId().equals(app.id())) {
            return new Added(existing.get(), false);
        }
        Domain added = domains.add(name.ascii(), app.id(), token(), MAX_PER_APP);
        events.publish(DomainEvents.Change.MAPPED, added);
        log.info("domain mapped domain={} appId={}", added.name(), app.id());
        return new Added(added, true);
    }

    public record Added(Domain domain, boolean created) {}

    public List<Domain> list(String appName) {
        return domains.ofApp(apps.get(appName).id());
    }

    public List<Domain> all() {
        return domains.list();
    }

    /** The token a gateway serves for {@code name} (the mapping's form), if it is mapped. */
    public Optional<String> token(String name) {
        return domains.find(name).map(Domain::token);
    }

    public void remove(String appName, String text) {
        App app = apps.get(appName);
        Domain domain = ofApp(app, text);
        if (domains.remove(app.id(), domain.name())) {
            events.publish(DomainEvents.Change.REMOVED, domain);
            log.info("domain removed domain={} appId={}", domain.name(), app.id());
        }
    }

    /** Checks one domain of the app now and records the outcome. */
    public Domain verify(String appName, String text) {
        App app = apps.get(appName);
        return checkAndRecord(ofApp(app, text)).orElseThrow(() -> new DeployException.DomainNotFound(appName, text));
    }

    /** Checks up to {@code limit} domains whose next check is due; returns how many were checked. */
    public int checkDue(int limit) {
        List<Domain> due = domains.claimDue(limit, 300);
        for (Domain domain : due) {
            checkAndRecord(domain);
        }
        return due.size();
    }

    private Domain ofApp(App app, String text) {
        String name;
        try {
            name = DomainName.parse(text, baseDomain).ascii();
        } catch (DeployException.InvalidDomain e) {
            throw new DeployException.DomainNotFound(app.name(), text);
        }
        return domains.find(name)
                .filter(d -> d.appId().equals(app.id()))
                .orElseThrow(() -> new DeployException.DomainNotFound(app.name(), text));
    }

    private Optional<Domain> checkAndRecord(Domain domain) {
        DomainCheck.Outcome outcome = check.check(domain.checkHost(), domain.token());
        Instant now = clock.instant();
        DomainState state;
        int failures;
        Instant next;
        if (outcome.ok()) {
            state = DomainState.VERIFIED;
            failures = 0;
            next = now.plus(RECHECK);
        } else {
            failures = domain.failures() + 1;
            boolean stillVerified = domain.state() == DomainState.VERIFIED && failures < FAILURES_BEFORE_FAILED;
            state = stillVerified ? DomainState.VERIFIED : DomainState.FAILED;
            next = now.plus(backoff(failures));
        }
        Optional<Domain> recorded = domains.recordCheck(
                domain.name(),
                state,
                outcome.ok() ? null : outcome.reason(),
                failures,
                outcome.ok() ? now : domain.verifiedAt(),
                now,
                next);
        recorded.ifPresent(d -> {
            if (d.state() != domain.state()) {
                events.publish(
                        d.state() == DomainState.VERIFIED ? DomainEvents.Change.VERIFIED : DomainEvents.Change.FAILED,
                        d);
                log.info("domain {} domain={} appId={} reason={}", d.state().token(), d.name(), d.appId(), d.reason());
            }
        });
        return recorded;
    }

    static Duration backoff(int failures) {
        Duration d = FIRST_BACKOFF;
        for (int i = 1; i < failures && d.compareTo(MAX_BACKOFF) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    private String token() {
        char[] out = new char[24];
        for (int i = 0; i < out.length; i++) {
            out[i] = TOKEN_CHARS[random.nextInt(TOKEN_CHARS.length)];
        }
        return new String(out);
    }
}
