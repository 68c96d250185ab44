package fazt.proto.runtime;

import fazt.proto.SubjectGrammar;

/**
 * Subjects owned by runtime-svc (without the root), and the chunk-pull protocol that streams bodies of any size.
 *
 * <h2>Invocation</h2>
 * The gateway sends an {@link InvokeRequest} to {@link #INVOKE} (queue group {@code runtime}: any instance may take
 * it). The reply is an {@link InvokeResponse}, or an ADR-32 problem (500 with the JS message and
 * {@code file:line:column}, 504 when the app ran past its wall time).
 *
 * <h2>Triggers</h2>
 * What the runtime does depends on {@link InvokeRequest#trigger()}:
 * <ul>
 *   <li>{@code http}: the app's {@code fetch(request, env, ctx)} with the request as sent.</li>
 *   <li>{@code scheduled} (scheduler-svc, a cron or interval tick): the app's {@code scheduled(event, env, ctx)} with
 *       {@code event = {type: "scheduled", name, cron, scheduledTime}} read from the JSON request body
 *       {@code {"name": .., "cron": .. (null for an interval), "every": <ms> (null for cron), "scheduledTime": <epoch ms>}}
 *       ({@code method} POST, {@code url} {@code /_fazt/scheduled/<name>} on the app's host). An app without a
 *       {@code scheduled} export answers a problem (a failed attempt); a handler that returns normally is a 200.</li>
 *   <li>{@code async} (scheduler-svc, {@code POST /_fazt/async/<path>}): the same {@code fetch} call that
 *       {@code /api/<path>} would get: {@code method}, {@code url} (under {@code /api/}), {@code headers} and body of
 *       the original request.</li>
 *   <li>{@code webhook} (scheduler-svc, a verified delivery to a hook): the app's {@code webhook(request, env, ctx)}
 *       if it exports one, else {@code fetch}; the request's {@code url} is {@code /api/hooks/<hook name>} on the app's
 *       host, with the delivery's method, headers and raw body.</li>
 *   <li>{@code email} (scheduler-svc, a message mail-svc stored for the app, ADR 30): the app's
 *       {@code email(message, env, ctx)}, with the JSON body {@code {"messageId", "mailFrom", "to", "rawSize",
 *       "subject"}} ({@link fazt.proto.scheduler.EmailEnqueueRequest}); the runtime reads the message from mail-svc.
 *       An app without an {@code email} export answers a problem; a handler that returns normally is a 204.</li>
 * </ul>
 * For the four background triggers the body is always inline (at most {@link #CHUNK_SIZE}; never a
 * {@code bodyStream}), {@code timeoutMillis} is the app's run timeout, and heartbeats are sent as for {@code http}.
 * scheduler-svc counts a reply with status 2xx-4xx as a succeeded attempt, and status 500 or more, a problem reply or
 * a timeout as a failed one it retries; silence of the instance (no heartbeat) or no responder is a lost attempt it
 * retries without using up the app's attempts. {@code console.*} lines published with the invoke's {@code requestId}
 * ({@code <run id>.<attempt>}) are kept with the attempt.
 *
 * <h2>Bodies: chunk pulls</h2>
 * A body travels as a first chunk inline ({@code body}, at most {@link #CHUNK_SIZE} bytes) and, when there is more,
 * the name of a <em>body stream</em> subject ({@code bodyStream}, an inbox of the side that holds the bytes). The
 * reading side pulls the rest in order: it sends a request with an empty payload and header {@link #HEADER_SEQ}
 * (1 for the first chunk after the inline one, then 2, 3, ...) to the body stream subject; the reply is the raw chunk
 * bytes with header {@link #HEADER_LAST} {@code true} on the last one (which may be empty), or a problem. The reader
 * sets the pace, so a slow client slows the producer down and nothing is held whole in memory. A holder drops a
 * stream nobody pulled for {@link #STREAM_IDLE_MILLIS}; a reader whose pull gets no responder fails at once. A reader
 * that no longer wants the rest (the client left) publishes a message with header {@link #HEADER_CANCEL} {@code true}
 * to the subject, and the holder drops the stream at once (its producer is closed, as when it is abandoned).
 *
 * <h2>Liveness while a handler runs</h2>
 * The gateway names an inbox in the {@link #HEADER_PROGRESS} header of the invoke request. The instance that took
 * the request publishes an empty message with header {@link #HEADER_INSTANCE} to it every {@link #HEARTBEAT_MILLIS}
 * until it replies, the first one {@link #HEARTBEAT_MILLIS} after it took the request (until ADR 0017 also one at
 * once; readers never relied on it). A gateway that hears nothing for {@link #HEARTBEAT_TIMEOUT_MILLIS}, counted from
 * when it sent the request, knows the instance died and fails the request at once (retrying GET and HEAD once),
 * instead of waiting out the whole deadline.
 *
 * <h2>Deploy-time check</h2>
 * deploy-svc asks {@link #CHECK} with a {@link ScriptCheckRequest} whether a committed, not yet live version's server
 * code loads: it parses, and its top-level evaluation finishes in a short time without throwing.
 *
 * <h2>App logs and invocations</h2>
 * {@code console.*} output and uncaught errors are published as {@link AppLogLine} on {@link #appLog}; every
 * invocation as an {@link InvocationRecord} on {@link #invocations}. Both are JetStream streams with bounded
 * retention, declared by runtime-svc; the admin API pages them ({@code /api/apps/{name}/logs|metrics|requests}).
 */
public final class RuntimeSubjects {
    /** Largest body chunk in one message. */
    public static final int CHUNK_SIZE = 256 * 1024;
    /** A body stream nobody pulled for this long is dropped by its holder. */
    public static final long STREAM_IDLE_MILLIS = 30_000;

    /** Request {@link InvokeRequest}; reply {@link InvokeResponse} or a problem. */
    public static final String INVOKE = "svc.runtime.invoke";
    /** Request {@link ScriptCheckRequest}; reply {@link ScriptCheckReply}. */
    public static final String CHECK = "svc.runtime.check";

    /** Header of an invoke request: the inbox for heartbeats of the instance running it. */
    public static final String HEADER_PROGRESS = "Fazt-Progress";
    /** Header of a heartbeat: the instance id running the request. */
    public static final String HEADER_INSTANCE = "Fazt-Instance";
    /** How often a running invocation sends a heartbeat. */
    public static final long HEARTBEAT_MILLIS = 1_000;
    /** Silence after which the gateway takes the instance for dead. */
    public static final long HEARTBEAT_TIMEOUT_MILLIS = 3_500;

    /** Header of a chunk pull: the 1-based index of the wanted chunk after the inline one. */
    public static final String HEADER_SEQ = "Fazt-Seq";
    /** Header of a chunk pull reply: {@code true} on the last chunk. */
    public static final String HEADER_LAST = "Fazt-Last";
    /** Header of a message to a body stream subject: {@code true} drops the stream, the reader wants no more. */
    public static final String HEADER_CANCEL = "Fazt-Cancel";

    /** Subject (without the root) of one app's log lines. */
    public static String appLog(String appId) {
        return SubjectGrammar.log("app", appId);
    }

    /** Subject (without the root) of one app's invocation records. */
    public static String invocations(String appId) {
        return SubjectGrammar.log("invocation", appId);
    }

    /** Wildcards (without the root) captured by the two log streams. */
    public static final String APP_LOG_ALL = "log.app.>";

    public static final String INVOCATIONS_ALL = "log.invocation.>";

    private RuntimeSubjects() {}
}
