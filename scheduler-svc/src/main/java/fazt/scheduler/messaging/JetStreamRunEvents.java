package fazt.scheduler.messaging;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.scheduler.RunFailed;
import fazt.proto.scheduler.SchedulerSubjects;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.RunEvents;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
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
    private final Connection nats;
    private final SubjectRoot root;

    JetStreamRunEvents(Connection nats, BootstrapSettings settings) {
        this.nats = nats;
        this.root = settings.root();
    }

    @Override
    public void deadLettered(Run run) {
        RunFailed event = new RunFailed(run.runId(), run.runId(), run.appId(), run.trigger(), run.source(),
                run.attempts(), run.error(), run.finishedAt());
        Headers headers = new Headers();
        headers.put(FaztHeaders.MSG_ID, event.eventId());
        headers.put(FaztHeaders.TYPE, MessageCodec.typeId(RunFailed.class));
        try {
            nats.jetStream().publish(NatsMessage.builder().subject(root.qualify(SchedulerSubjects.RUN_FAILED))
                    .headers(headers).data(MessageCodec.INSTANCE.encode(event)).build());
        } catch (Exception e) {
            log.warn("dead-letter event not published runId={} reason={}", run.runId(), e.getClass().getSimpleName());
        }
    }
}
