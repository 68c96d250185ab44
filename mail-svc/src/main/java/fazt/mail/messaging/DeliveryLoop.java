package fazt.mail.messaging;

import fazt.mail.domain.Directory;
import fazt.mail.domain.InboxEntry;
import fazt.mail.persistence.JdbcInbox;
import fazt.platform.loop.BackgroundLoop;
import fazt.platform.loop.BackgroundWork;
import fazt.platform.nats.NatsRequester;
import fazt.proto.scheduler.EmailEnqueueRequest;
import fazt.proto.scheduler.RunAccepted;
import fazt.proto.scheduler.SchedulerSubjects;
import io.github.resilience4j.core.IntervalFunction;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands messages for apps with server code to the scheduler (ADR 30): every {@link #TICK} it leases the due pending
 * inbox entries, a batch at a time until none is left, and asks {@code svc.scheduler.email.enqueue} for a run of each (idempotent per message id on the
 * scheduler's side, so a lease that runs out and a second instance asking again do no harm). A run accepted marks
 * the entry {@code delivered}; no answer or a failure asks again after an exponential backoff (1 s doubling to
 * 5 min); a refusal of the request itself (4xx but 429: the app is gone) marks it {@code failed}.
 */
@Singleton
final class DeliveryLoop implements BackgroundWork {
    static final Duration TICK = Duration.ofSeconds(1);
    static final Duration LEASE = Duration.ofMinutes(1);
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    static final int BATCH = 20;
    private static final IntervalFunction BACKOFF =
            IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5));
    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);

    private final JdbcInbox inbox;
    private final Directory directory;
    private final NatsRequester requester;
    private final Clock clock;

    DeliveryLoop(JdbcInbox inbox, Directory directory, NatsRequester requester, Clock clock) {
        this.inbox = inbox;
        this.directory = directory;
        this.requester = requester;
        this.clock = clock;
    }

    @Override
    public BackgroundLoop start() {
        return BackgroundLoop.every("mail-delivery", TICK, this::round);
    }

    /** Hands over batches until fewer than a full batch are due. */
    void round() {
        List<InboxEntry> due;
        do {
            due = inbox.takeDue(clock.instant(), LEASE, BATCH);
            for (InboxEntry entry : due) {
                deliver(entry);
            }
        } while (due.size() == BATCH);
    }

    private void deliver(InboxEntry entry) {
        String name = directory.app(entry.appId()).map(Directory.App::name).orElse(entry.appName());
        EmailEnqueueRequest request = new EmailEnqueueRequest(
                entry.appId(), name, entry.id(), entry.mailFrom(), entry.to(), entry.rawSize(), entry.subject());
        try {
            RunAccepted run = requester.call(SchedulerSubjects.EMAIL_ENQUEUE, request, RunAccepted.class, TIMEOUT);
            inbox.delivered(entry.id(), run.runId());
            log.info("mail handed to scheduler entryId={} appId={} runId={}", entry.id(), entry.appId(), run.runId());
        } catch (NatsRequester.RemoteProblemException e) {
            int status = e.problem().status();
            if (status >= 400 && status < 500 && status != 429) {
                inbox.failed(
                        entry.id(),
                        "the scheduler refused the run: " + e.problem().detail());
                log.warn("mail delivery refused entryId={} status={}", entry.id(), status);
            } else {
                later(entry, e);
            }
        } catch (RuntimeException e) {
            later(entry, e);
        }
    }

    private void later(InboxEntry entry, Exception cause) {
        int attempts = Math.max(1, inbox.attempts(entry.id()));
        Instant next = clock.instant().plusMillis(BACKOFF.apply(Math.min(attempts, 30)));
        inbox.retryAt(entry.id(), next);
        log.info(
                "mail delivery deferred entryId={} attempts={} next={} cause={}",
                entry.id(),
                attempts,
                next,
                cause.toString());
    }
}
