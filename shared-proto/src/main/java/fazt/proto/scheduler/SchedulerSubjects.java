package fazt.proto.scheduler;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;
import fazt.proto.SubjectRoot;
import fazt.proto.runtime.RuntimeSubjects;

/**
 * Subjects owned by scheduler-svc (without the root), and what the scheduler asks of runtime-svc.
 *
 * <h2>From the gateway</h2>
 * {@code POST /_fazt/async/<path>} on an app host becomes an {@link AsyncEnqueueRequest} on {@link #ASYNC_ENQUEUE};
 * {@code POST /_fazt/hooks/<hook-id>} a {@link HookReceiveRequest} on {@link #HOOK_RECEIVE}. Both answer
 * {@link RunAccepted} (the gateway replies {@code 202 {"run_id", "status_url"}}) or a problem: 404 unknown app or
 * hook, or an async path the app's {@code fazt.json} does not declare ({@code scheduler/async-not-declared}, which
 * the gateway answers as any unknown path), 401 refused signature (recorded as a {@code refused} run), 413 body over
 * {@link #MAX_PAYLOAD}, 429 the app's rate limit ({@code scheduler/rate-limited}, with {@link #RETRY_AFTER}), 507 the
 * app's stored-payload cap ({@code scheduler/storage-full}). A refused request leaves no run behind.
 * {@code GET /_fazt/runs/<id>} on the app host becomes a {@link RunStatusRequest} on {@link #RUN_STATUS}.
 * The gateway always fills {@code appId} from the host it resolved, never from the request.
 *
 * <h2>To runtime-svc</h2>
 * Each attempt of a run is one {@code svc.runtime.invoke} ({@link fazt.proto.runtime.InvokeRequest}) with
 * {@code trigger}: {@code scheduled}, {@code async}, {@code webhook} or {@code email}, heartbeats as for HTTP. The body always fits
 * inline (never a {@code bodyStream}). A reply with status 2xx-4xx, or with no error, is a succeeded attempt; a status
 * of 500 or more, a problem reply, a timeout, or silence of the instance is a failed one.
 *
 * <h2>Work queue</h2>
 * Runs travel through the JetStream work-queue stream {@code <ROOT>_WORK_SCHEDULER} on {@link #WORK} (one message per
 * attempt chain, the run id as {@code Nats-Msg-Id}); scheduler instances share one durable pull consumer.
 */
public final class SchedulerSubjects {
    /** Largest request body an async run or webhook may carry: one inline runtime chunk, stored whole for replay. */
    public static final int MAX_PAYLOAD = RuntimeSubjects.CHUNK_SIZE;

    /** The problem member of a {@code 429}: whole seconds until the app accepts again (the gateway's {@code Retry-After}). */
    public static final String RETRY_AFTER = "retryAfter";

    /** Request {@link AsyncEnqueueRequest}; reply {@link RunAccepted}. */
    public static final String ASYNC_ENQUEUE = "svc.scheduler.async.enqueue";
    /** Request {@link HookReceiveRequest}; reply {@link RunAccepted}, or 401 for a refused signature. */
    public static final String HOOK_RECEIVE = "svc.scheduler.hook.receive";
    /**
     * Request {@link EmailEnqueueRequest} (mail-svc); reply {@link RunAccepted}: start a run of the app's
     * {@code email} handler for a stored message. Idempotent per {@code messageId}: asking again answers the run
     * already recorded for it (mail-svc asks until it has an answer, so a message is never lost nor run twice).
     */
    public static final String EMAIL_ENQUEUE = "svc.scheduler.email.enqueue";
    /** Request {@link RunStatusRequest}; reply {@link RunStatusReply}. */
    public static final String RUN_STATUS = "svc.scheduler.run.status";
    /** Event {@link RunFailed}: the dead-letter subject; a run failed for good (stream {@code <ROOT>_EVT_SCHEDULER}). */
    public static final String RUN_FAILED = "evt.scheduler.run.failed";
    /** Work-queue subject of runs (JetStream, not request/reply). */
    public static final String WORK = SubjectGrammar.work(ServiceName.SCHEDULER, "run");

    /** The work-queue stream name for a subject root ({@code FAZT_WORK_SCHEDULER}). */
    public static String workStream(SubjectRoot root) {
        return root.stream("WORK_SCHEDULER");
    }

    private SchedulerSubjects() {}
}
