package fazt.scheduler.messaging;

import fazt.platform.nats.consumer.Backoff;
import fazt.platform.nats.consumer.ConsumerSpec;
import fazt.platform.nats.consumer.Outcome;
import fazt.platform.nats.consumer.WorkConsumer;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.ExecuteRun;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Executes the runs of the work queue ({@link JetStreamRunQueue}): one attempt per message, at most {@link #IN_FLIGHT}
 * at a time per instance, through the durable consumer {@value #CONSUMER} that every scheduler instance shares
 * (ADR 25). The message is acknowledged only after the attempt finished and its outcome was stored (done), or comes
 * back after the run's retry delay, so a scheduler that dies mid-run loses nothing: the queue hands the run to another
 * instance after the ack wait. Attempts are counted by the scheduler (ADR 11), not by the consumer: deliveries are
 * unlimited, and an attempt that could not even start (the database is away) comes back after {@link #ON_ERROR_DELAY}.
 */
@Singleton
final class RunWorker implements WorkConsumer<String> {
    /** The durable consumer all instances pull from. */
    static final String CONSUMER = "scheduler-runs";

    static final int IN_FLIGHT = 16;
    private static final Duration ON_ERROR_DELAY = Duration.ofSeconds(5);

    private final ExecuteRun execute;

    RunWorker(ExecuteRun execute) {
        this.execute = execute;
    }

    @Override
    public ConsumerSpec<String> spec() {
        return ConsumerSpec.workQueue(CONSUMER, SchedulerSubjects::workStream, SchedulerSubjects.WORK, String.class)
                .inFlight(IN_FLIGHT)
                .maxDeliveries(0)
                .backoff(Backoff.fixed(ON_ERROR_DELAY));
    }

    @Override
    public Outcome handle(String runId) {
        ExecuteRun.Next next = execute.execute(runId);
        return next.done() ? Outcome.done() : Outcome.retryAfter(next.delay());
    }
}
