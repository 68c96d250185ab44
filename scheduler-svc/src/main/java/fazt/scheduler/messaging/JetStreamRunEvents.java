package fazt.scheduler.messaging;

import fazt.platform.nats.EventPublisher;
import fazt.proto.scheduler.RunFailed;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.RunEvents;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@link RunFailed} on the dead-letter subject {@code <root>.evt.scheduler.run.failed} (captured by the
 * scheduler's event stream), de-duplicated by run id. The run row stays the truth: a failed publish is logged only.
 */
@Singleton
final class JetStreamRunEvents implements RunEvents {
    private static final Logger log = LoggerFactory.getLogger(JetStreamRunEvents.class);
    private final EventPublisher events;

    JetStreamRunEvents(EventPublisher events) {
        this.events = events;
    }

    @Override
    public void deadLettered(Run run) {
        RunFailed event = new RunFailed(
                run.runId(),
                run.runId(),
                run.appId(),
                run.trigger(),
                run.source(),
                run.attempts(),
                run.error(),
                run.finishedAt());
        try {
            events.publish(SchedulerSubjects.RUN_FAILED, event, event.eventId());
        } catch (EventPublisher.EventNotPublished e) {
            log.warn(
                    "dead-letter event not published runId={} reason={}",
                    run.runId(),
                    e.getCause().getClass().getSimpleName());
        }
    }
}
