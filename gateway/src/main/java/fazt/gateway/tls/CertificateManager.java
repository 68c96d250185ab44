package fazt.gateway.tls;

import fazt.gateway.routing.HostRoute;
import fazt.gateway.routing.HostRouter;
import fazt.gateway.routing.SiteDirectory;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.ServiceIdentity;
import fazt.platform.service.db.Sql;
import fazt.proto.MessageCodec;
import fazt.proto.gateway.CertificateIssued;
import fazt.proto.gateway.GatewaySubjects;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.impl.Headers;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which certificate a TLS handshake gets, and getting the ones that are missing (ADR 28).
 *
 * <p>{@link #certificateFor} answers from the in-memory {@link CertificateStore}. A name without a certificate is
 * ordered on demand when it is allowed ({@code admin.<domain>}, an app's host that deploy-svc knows, asked through the
 * cached, event-fed {@link SiteDirectory}, a custom domain deploy-svc verified, {@link VerifiedDomains}); the
 * handshake waits for the order. A domain that becomes verified is ordered ahead of time. Parallel handshakes for one name share
 * one order (a future per name). Every other case gets the self-signed fallback: a name that is not allowed never
 * causes an order, a failed order is retried only after its back-off. New orders pass a rate limiter (the CA's
 * budget, {@code FAZT_ACME_ORDERS_PER_3H}); orders over it wait in a visible backlog
 * ({@code fazt_gateway_tls_order_backlog}) rather than fail. With several gateways, one claims the order in the database
 * (a lease on the name's row) and the others wait for {@code evt.gateway.certificate.issued}, then load the
 * certificate. A background pass each minute renews certificates once their {@link RenewalTime} has come (inside the
 * CA's suggested window when it offers renewal information, else past {@code FAZT_ACME_RENEW_AT_PERCENT} of their
 * lifetime) and retries failed names whose back-off is over. Names no CA issues for ({@link ReservedNames}) are never
 * ordered; mail-svc's SMTP host name is ordered at start.
 */
@Singleton
public final class CertificateManager implements ApplicationEventListener<StartupEvent> {
    static final Duration LEASE = Duration.ofMinutes(5);
    static final Duration FIRST_RETRY = Duration.ofMinutes(1);
    static final Duration LAST_RETRY = Duration.ofHours(6);
    static final Duration RENEWAL_PASS = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(CertificateManager.class);

    private final TlsConfig config;
    private final CertificateStore store;
    private final CertificateRecords records;
    private final AcmeClient acme;
    private final RenewalPlanner planner;
    private final HostRouter hosts;
    private final SiteDirectory sites;
    private final VerifiedDomains domains;
    private final Connection nats;
    private final String issuedSubject;
    private final String instance;
    private final RateLimiter orders;
    /** mail-svc's SMTP host name: ordered ahead of time, the one name {@link #transfer} answers for. */
    private final String smtpHost;

    private final Map<String, CompletableFuture<ServedCertificate>> ordering = new ConcurrentHashMap<>();
    /** Names whose last order failed, and when they may be ordered again. */
    private final Map<String, Instant> backedOff = new ConcurrentHashMap<>();

    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService renewal = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("tls-renewal").daemon().factory());
    private Dispatcher dispatcher;

    CertificateManager(
            TlsConfig config,
            CertificateStore store,
            Sql db,
            BootstrapSettings settings,
            ChallengeResponses challenges,
            HostRouter hosts,
            SiteDirectory sites,
            VerifiedDomains domains,
            Connection nats,
            ServiceIdentity identity,
            MeterRegistry metrics) {
        this.domains = domains;
        this.config = config;
        this.store = store;
        this.records = new CertificateRecords(db, settings.masterKey());
        this.acme = new AcmeClient(config, records, challenges);
        this.planner = new RenewalPlanner(acme, records, config.renewAtPercent());
        this.hosts = hosts;
        this.sites = sites;
        this.nats = nats;
        this.issuedSubject = settings.root().qualify(GatewaySubjects.CERTIFICATE_ISSUED);
        this.instance = identity.instance();
        this.smtpHost = canonical(config.smtpHost(settings.domain()));
        Duration window = Duration.ofSeconds(config.orderWindowSeconds());
        this.orders = RateLimiter.of(
                "acme-orders",
                RateLimiterConfig.custom()
                        .limitForPeriod(config.ordersPerWindow())
                        .limitRefreshPeriod(window)
                        .timeoutDuration(window)
                        .build());
        Gauge.builder("fazt.gateway.tls.order.backlog", orders, o -> o.getMetrics()
                        .getNumberOfWaitingThreads())
                .description("Certificate orders waiting for the CA's rate limit")
                .register(metrics);
        Gauge.builder("fazt.gateway.tls.orders.running", ordering, Map::size)
                .description("Certificate orders under way")
                .register(metrics);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (!config.enabled()) {
            return;
        }
        for (CertificateRecords.Stored stored : records.issued()) {
            load(stored);
        }
        for (CertificateRecords.Status status : records.statuses()) {
            if ("failed".equals(status.state()) && status.nextAttempt() != null) {
                backedOff.put(status.name(), status.nextAttempt()); // a restart does not skip a back-off
            }
        }
        dispatcher = nats.createDispatcher(message -> {
            try {
                CertificateIssued issued = MessageCodec.INSTANCE.decode(message.getData(), CertificateIssued.class);
                workers.execute(() -> records.issued(issued.name()).ifPresent(this::load));
            } catch (MessageCodec.MalformedMessageException e) {
                log.warn("unreadable certificate event subject={}", message.getSubject());
            }
        });
        dispatcher.subscribe(issuedSubject);
        domains.start(this::orderAhead);
        orderAhead(smtpHost); // mail-svc's STARTTLS: no HTTP visitor would ever cause this order
        renewal.scheduleWithFixedDelay(
                this::renewDue, RENEWAL_PASS.toMillis(), RENEWAL_PASS.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The certificate for a handshake naming {@code serverName} (null without SNI): the stored one, one ordered now,
     * or the fallback. Never fails and never blocks the caller.
     */
    public CompletableFuture<ServedCertificate> certificateFor(String serverName) {
        String name = serverName == null ? null : canonical(serverName);
        ServedCertificate found = name == null ? null : store.find(name);
        if (found != null) {
            return CompletableFuture.completedFuture(found);
        }
        if (name == null || backedOff.getOrDefault(name, Instant.MIN).isAfter(Instant.now())) {
            return CompletableFuture.completedFuture(store.fallback());
        }
        return allowed(name)
                .thenCompose(allowed -> allowed ? order(name) : CompletableFuture.completedFuture(null))
                .handle((certificate, failure) -> certificate != null ? certificate : store.fallback());
    }

    /**
     * Whether {@code name} may have a certificate ordered: never a {@link ReservedNames reserved name}
     * ({@code localhost}, {@code .test}, IP literals…); the admin host, mail-svc's SMTP host, an app's host deploy-svc
     * knows, or a verified custom domain.
     */
    CompletableFuture<Boolean> allowed(String name) {
        if (ReservedNames.reserved(name)) {
            return CompletableFuture.completedFuture(false);
        }
        if (name.equals(smtpHost)) {
            return CompletableFuture.completedFuture(true);
        }
        HostRoute route = hosts.route(name);
        return switch (route.kind()) {
            case ADMIN -> CompletableFuture.completedFuture(true);
            case APP -> sites.site(route.app()).thenApply(site -> site.found()).exceptionally(failure -> false);
            case UNKNOWN -> CompletableFuture.completedFuture(domains.allows(route.host()));
            case BAD -> CompletableFuture.completedFuture(false);
        };
    }

    /** A custom domain just verified (or the SMTP host): ordered before anyone asks, unless a reserved name. */
    private void orderAhead(String name) {
        if (!ReservedNames.reserved(name) && store.find(name) == null) {
            order(name).exceptionally(failure -> null);
        }
    }

    /** Orders a certificate for {@code name}, or joins the order under way. */
    CompletableFuture<ServedCertificate> order(String name) {
        return order(name, false);
    }

    private CompletableFuture<ServedCertificate> order(String name, boolean renewal) {
        CompletableFuture<ServedCertificate> mine = new CompletableFuture<>();
        CompletableFuture<ServedCertificate> running = ordering.putIfAbsent(name, mine);
        if (running != null) {
            return running;
        }
        workers.execute(() -> {
            try {
                mine.complete(obtain(name, renewal));
            } catch (Throwable failure) {
                mine.completeExceptionally(failure);
            } finally {
                ordering.remove(name, mine);
            }
        });
        return mine;
    }

    private ServedCertificate obtain(String name, boolean renewal) throws Exception {
        Instant deadline = Instant.now().plus(LEASE);
        ServedCertificate current = store.find(name);
        if (!renewal) {
            // another gateway may have stored one whose event this gateway missed
            ServedCertificate stored = records.issued(name).map(this::load).orElse(null);
            if (stored != null && !stored.dueAt(Instant.now(), config.renewAtPercent())) {
                return stored;
            }
        }
        while (Instant.now().isBefore(deadline)) {
            Instant now = Instant.now();
            if (records.claim(name, instance, now, now.plus(LEASE))) {
                return issue(name, renewal ? current : null);
            }
            // another gateway orders this name: its certificate arrives with the event, or in the row
            Thread.sleep(1000);
            ServedCertificate loaded = records.issued(name).map(this::load).orElse(null);
            if (loaded != null
                    && (!renewal || current == null || loaded.notAfter().isAfter(current.notAfter()))) {
                return loaded;
            }
        }
        throw new IllegalStateException("no certificate for " + name + " within " + LEASE);
    }

    private ServedCertificate issue(String name, ServedCertificate replacing) throws Exception {
        try {
            orders.acquirePermission();
            log.info("certificate ordering name={}", name);
            int failed = records.status(name)
                    .map(CertificateRecords.Status::attempts)
                    .orElse(0);
            AcmeClient.Issued issued = acme.issue(name, failed, replacing == null ? null : replacing.leaf());
            Instant now = Instant.now();
            records.storeIssued(name, "acme", issued.chain(), issued.key(), now);
            ServedCertificate served = ServedCertificate.of(name, issued.key(), issued.chain());
            store.put(served);
            backedOff.remove(name);
            announce(name, served.notAfter(), now);
            log.info("certificate issued name={} notAfter={}", name, served.notAfter());
            planner.plan(name, served, now);
            return served;
        } catch (Exception | Error failure) {
            int attempts = records.status(name)
                    .map(CertificateRecords.Status::attempts)
                    .orElse(0);
            Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempts, 16));
            Instant next = Instant.now().plus(wait.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : wait);
            String reason = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            records.storeFailure(name, reason, next, Instant.now());
            backedOff.put(name, next);
            log.warn("certificate order failed name={} nextAttempt={} reason={}", name, next, reason);
            throw failure;
        }
    }

    /**
     * Stores a certificate its owner brought for {@code name} after {@link UploadedCertificate#validate checking it}
     * (an {@link IllegalArgumentException} says what is wrong), serves it and tells every gateway.
     */
    public void upload(String name, String chainPem, String keyPem) {
        Instant now = Instant.now();
        UploadedCertificate uploaded = UploadedCertificate.validate(canonical(name), chainPem, keyPem, now);
        records.storeIssued(uploaded.name(), "uploaded", uploaded.chain(), uploaded.key(), now);
        ServedCertificate served = ServedCertificate.of(uploaded.name(), uploaded.key(), uploaded.chain());
        store.put(served);
        announce(uploaded.name(), served.notAfter(), now);
    }

    /** Orders waiting for the CA's rate limit on this gateway. */
    int backlog() {
        return orders.getMetrics().getNumberOfWaitingThreads();
    }

    /** The state of every name this gateway ordered or was given a certificate for. */
    public List<CertificateRecords.Status> statuses() {
        return records.statuses();
    }

    /** One renewal pass: every ordered certificate past its renewal point, every failed name past its back-off. */
    void renewDue() {
        renewDue(config.renewAtPercent());
    }

    /** A renewal pass renewing at {@code percent} of lifetime; the orders it started. */
    List<CompletableFuture<ServedCertificate>> renewDue(int percent) {
        List<CompletableFuture<ServedCertificate>> started = new ArrayList<>();
        domains.load();
        try {
            Instant now = Instant.now();
            for (CertificateRecords.Status status : records.statuses()) {
                if (!"acme".equals(status.source())) {
                    continue;
                }
                ServedCertificate served = store.find(status.name());
                boolean mine = served != null && served.name().equals(status.name());
                if (mine && "issued".equals(status.state()) && RenewalPlanner.stale(status, now)) {
                    planner.plan(status.name(), served, now);
                    status = records.status(status.name()).orElse(status);
                }
                boolean due = mine
                        && (RenewalTime.ARI.equals(status.renewSource()) && status.renewAfter() != null
                                ? !status.renewAfter().isAfter(now)
                                : served.dueAt(now, percent));
                boolean retry = "failed".equals(status.state())
                        && status.nextAttempt() != null
                        && !status.nextAttempt().isAfter(now);
                if (due || retry) {
                    started.add(order(status.name(), true));
                }
            }
        } catch (RuntimeException e) {
            log.warn("renewal pass failed reason={}", e.getMessage());
        }
        return started;
    }

    /**
     * mail-svc's STARTTLS certificate ({@code svc.gateway.certificate.get}): the stored chain and key of the SMTP
     * host name; empty for any other name or before it is issued.
     */
    Optional<CertificateRecords.Stored> transfer(String name) {
        String asked = name == null ? "" : canonical(name);
        return asked.equals(smtpHost) ? records.issued(asked) : Optional.empty();
    }

    private ServedCertificate load(CertificateRecords.Stored stored) {
        ServedCertificate served = ServedCertificate.of(stored.name(), stored.key(), stored.chain());
        store.put(served);
        return served;
    }

    private void announce(String name, Instant notAfter, Instant now) {
        Headers headers = new Headers();
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(CertificateIssued.class));
        nats.publish(
                issuedSubject,
                headers,
                MessageCodec.INSTANCE.encode(
                        new CertificateIssued(UUID.randomUUID().toString(), name, notAfter, now)));
    }

    static String canonical(String serverName) {
        String name = serverName.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    @PreDestroy
    void stop() {
        renewal.shutdownNow();
        workers.shutdownNow();
        if (dispatcher != null) {
            nats.closeDispatcher(dispatcher);
        }
    }
}
