package fazt.mail.outbound;

import fazt.proto.mail.OutboundChanged;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at delivering an outbound message from the work queue (ADR 30). A message whose delivery ended is
 * acknowledged without sending. Without a relay it waits, not counting an attempt. Otherwise the attempt is claimed
 * (status {@code sending}, committed, with a lease so that a second copy of the queue message does not send it in
 * parallel), the stored bytes go to the {@link MailTransport}, and the outcome is committed before the queue message
 * is acknowledged: accepted → {@code sent}, a 5xx → {@code failed}, anything else → {@code retrying} after an
 * exponential, randomised pause (Resilience4j {@link IntervalFunction}) until the message is older than the give-up
 * age, then {@code failed}. {@code evt.mail.outbound.sent|failed} is published after the commit.
 */
public final class DeliverOutbound {
    /**
     * How long a claimed attempt keeps another worker off. The worker renews it every {@link #RENEW_EVERY} while it
     * talks to the relay, so a slow relay keeps its one sender, and a worker that died (SIGKILL, a lost machine)
     * frees the message within this long.
     */
    static final Duration LEASE = Duration.ofSeconds(30);

    static final Duration RENEW_EVERY = Duration.ofSeconds(10);
    private static final ScheduledExecutorService RENEWALS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mail-outbound-lease");
        t.setDaemon(true);
        return t;
    });
    /** How long a queue message for a row not yet visible waits for the sender's commit. */
    static final Duration COMMIT_GRACE = Duration.ofMinutes(2);

    private static final Logger log = LoggerFactory.getLogger(DeliverOutbound.class);

    private final OutboundStore store;
    private final Relays relays;
    private final MailTransport transport;
    private final Consumer<OutboundChanged> events;
    private final OutboundConfig config;
    private final IntervalFunction backoff;
    private final String instance;
    private final Clock clock;

    public DeliverOutbound(
            OutboundStore store,
            Relays relays,
            MailTransport transport,
            Consumer<OutboundChanged> events,
            OutboundConfig config,
            String instance,
            Clock clock) {
        this.store = store;
        this.relays = relays;
        this.transport = transport;
        this.events = events;
        this.config = config;
        this.backoff = IntervalFunction.ofExponentialRandomBackoff(
                config.retryFirst().toMillis(), 2.0, 0.5, config.retryMax().toMillis());
        this.instance = instance;
        this.clock = clock;
    }

    /** What the queue should do with the message: acknowledge it ({@code delay} null) or deliver it again later. */
    public record Next(Duration delay) {
        static Next done() {
            return new Next(null);
        }

        public boolean isDone() {
            return delay == null;
        }
    }

    public Next deliver(OutboundQueue.Work work) {
        Instant now = clock.instant();
        Optional<Outbound> found = store.find(work.id());
        if (found.isEmpty()) {
            // published inside the sender's transaction: its commit may not be visible yet, or it rolled back
            return now.isBefore(work.queuedAt().plus(COMMIT_GRACE)) ? new Next(Duration.ofSeconds(1)) : Next.done();
        }
        Outbound row = found.get();
        if (row.finished()) {
            return Next.done();
        }
        if (row.status().equals(Outbound.SENDING)
                && row.nextAttemptAt() != null
                && row.nextAttemptAt().isAfter(now)) {
            return new Next(Duration.between(now, row.nextAttemptAt()));
        }
        Optional<Relays.Relay> relay = relays.current();
        if (relay.isEmpty()) {
            Duration wait = config.retryFirst();
            store.waitForRelay(row.id(), "no relay configured: set one with PUT /api/mail/relay", now.plus(wait));
            return new Next(wait);
        }
        Optional<Outbound> claimed = store.claim(row.id(), now, now.plus(LEASE));
        if (claimed.isEmpty()) {
            return new Next(Duration.ofSeconds(5));
        }
        Outbound attempt = claimed.get();
        byte[] raw = store.raw(row.id()).orElseThrow();
        ScheduledFuture<?> renewal = RENEWALS.scheduleAtFixedRate(
                () -> renew(attempt), RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        MailTransport.Result result;
        try {
            result = transport.deliver(relay.get(), attempt.envelopeFrom(), attempt.recipients(), raw);
        } finally {
            renewal.cancel(false);
        }
        Instant at = clock.instant();
        return switch (result.outcome()) {
            case ACCEPTED -> finish(attempt, result, Outbound.SENT, at);
            case PERMANENT -> finish(attempt, result, Outbound.FAILED, at);
            case TEMPORARY -> {
                if (at.isAfter(attempt.queuedAt().plus(config.giveUpAfter()))) {
                    yield finish(attempt, result, Outbound.FAILED, at);
                }
                Duration pause = Duration.ofMillis(backoff.apply(attempt.attempts()));
                store.finishAttempt(
                        attempt,
                        result.outcome().word(),
                        result.answer(),
                        result.refused(),
                        Outbound.RETRYING,
                        at,
                        at.plus(pause),
                        instance);
                log.info(
                        "outbound deferred id={} attempt={} retryInMs={} answer={}",
                        attempt.id(),
                        attempt.attempts(),
                        pause.toMillis(),
                        result.answer());
                yield new Next(pause);
            }
        };
    }

    private void renew(Outbound attempt) {
        try {
            store.renewLease(attempt.id(), attempt.attempts(), clock.instant().plus(LEASE));
        } catch (RuntimeException e) {
            log.warn("outbound lease not renewed id={}: {}", attempt.id(), e.toString());
        }
    }

    private Next finish(Outbound attempt, MailTransport.Result result, String status, Instant at) {
        store.finishAttempt(
                attempt, result.outcome().word(), result.answer(), result.refused(), status, at, null, instance);
        log.info("outbound {} id={} attempts={} answer={}", status, attempt.id(), attempt.attempts(), result.answer());
        try {
            events.accept(new OutboundChanged(
                    UUID.randomUUID().toString(),
                    attempt.id(),
                    attempt.appId(),
                    status,
                    attempt.attempts(),
                    result.answer(),
                    at));
        } catch (RuntimeException e) {
            log.error("outbound event not published id={} status={}", attempt.id(), status, e);
        }
        return Next.done();
    }
}
