package fazt.scheduler.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.proto.MessageCodec;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.scheduler.AsyncEnqueueRequest;
import fazt.proto.scheduler.EmailEnqueueRequest;
import fazt.proto.scheduler.HookReceiveRequest;
import fazt.proto.scheduler.SchedulerSubjects;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Records and queues runs that arrive from outside: async requests, webhook deliveries (verified first; a refused one
 * is recorded as a {@code refused} run and never runs) and replays of earlier runs (a new run with the same payload and
 * a fresh attempt budget). The app id always comes from the platform (the host the gateway resolved), never from the
 * request body.
 * <p>
 * Async requests and webhook deliveries come from anyone, so they are admitted under the app's {@link Intake}: an
 * async request only for a path its live version declares (else not found, as if the path did not exist), and both
 * only within the app's rate limit and stored-payload cap ({@link Admissions}). A request refused for any of these
 * leaves no run behind. Replays are an admin's act: they count towards the stored payloads but are never refused.
 * <p>
 * Email runs come from mail-svc, which limits what it accepts itself (message size, recipients, connections) and has
 * already stored the message and answered {@code 250}: they bypass the intake (refusing one would only make mail-svc
 * ask again) and their payload is a small JSON reference to the stored message. One message makes one run however
 * often mail-svc asks ({@link Runs#insertOnce}).
 */
public final class AcceptRuns {
    /**
     * Hop-by-hop and platform headers that are not part of what the app's handler should see again, and the caller's
     * credentials ({@code Authorization}, {@code Cookie}): a run record is kept for days and shown to operators, so a
     * bearer token or session cookie is never stored in one. A webhook's signature is checked before the run is made.
     */
    private static final Set<String> DROPPED_HEADERS = Set.of(
            "authorization",
            "cookie",
            "connection",
            "keep-alive",
            "transfer-encoding",
            "te",
            "upgrade",
            "proxy-authorization",
            "content-length",
            "host");

    /** The longest message id, envelope address and recipient an email run accepts (RFC 5321 paths are shorter). */
    static final int MAX_EMAIL_FIELD = 512;
    /** Subjects are cut to this many characters in the run's body; the handler reads the whole header from mail-svc. */
    static final int MAX_SUBJECT = 1_000;
    /** Where an email run's invocation is addressed (the runtime dispatches on trigger {@code email}, not the path). */
    public static final String EMAIL_URL = "/_fazt/email";

    private final Runs runs;
    private final Schedules schedules;
    private final Hooks hooks;
    private final HookSecrets secrets;
    private final Admissions admissions;
    private final Enqueuer enqueuer;
    private final AppTriggerSource triggers;
    private final SyncTriggers sync;
    private final Clock clock;

    public AcceptRuns(
            Runs runs,
            Schedules schedules,
            Hooks hooks,
            HookSecrets secrets,
            Admissions admissions,
            Enqueuer enqueuer,
            AppTriggerSource triggers,
            SyncTriggers sync,
            Clock clock) {
        this.runs = runs;
        this.schedules = schedules;
        this.hooks = hooks;
        this.secrets = secrets;
        this.admissions = admissions;
        this.enqueuer = enqueuer;
        this.triggers = triggers;
        this.sync = sync;
        this.clock = clock;
    }

    public Run async(AsyncEnqueueRequest r) {
        requireApp(r.appId(), r.name());
        String path = pathAndQuery(r.url());
        if (path == null) {
            throw new SchedulerException.AsyncNotDeclared(); // a URL that does not parse names no declared path
        }
        if (!path.startsWith("/api/")) {
            throw new SchedulerException.InvalidRequest("url", "An async run calls a path under /api/.");
        }
        String bare = path.replaceFirst("\\?.*", "");
        Intake intake = intake(r.appId());
        if (!intake.declares(bare)) {
            throw new SchedulerException.AsyncNotDeclared();
        }
        checkSize(r.body());
        Run run = Run.create(
                r.appId(),
                r.name(),
                Run.ASYNC,
                bare,
                r.method() == null ? "POST" : r.method().toUpperCase(Locale.ROOT),
                path,
                kept(r.headers()),
                r.body(),
                null,
                null,
                policy(r.appId(), r.name()).attempts(),
                clock.instant());
        admit(run, intake);
        enqueuer.enqueue(run.runId());
        return run;
    }

    public Run webhook(HookReceiveRequest r) {
        requireApp(r.appId(), r.name());
        Hook hook = hooks.find(r.hookId() == null ? "" : r.hookId())
                .filter(h -> h.appId().equals(r.appId()))
                .orElseThrow(SchedulerException.HookNotFound::new);
        checkSize(r.body());
        Instant now = clock.instant();
        String refusal = hook.signature().equals(WebhookSignature.NONE)
                ? null
                : WebhookSignature.refusal(hook.signature(), secrets.open(hook), r.headers(), r.body(), now);
        Run run = Run.create(
                r.appId(),
                r.name(),
                Run.WEBHOOK,
                hook.name(),
                r.method() == null ? "POST" : r.method().toUpperCase(Locale.ROOT),
                "/api/hooks/" + hook.name(),
                kept(r.headers()),
                r.body(),
                null,
                null,
                policy(r.appId(), r.name()).attempts(),
                now);
        Intake intake = intake(r.appId());
        if (refusal != null) {
            admit(run.with(Run.REFUSED, 0, 0, refusal, null, now), intake);
            throw new SchedulerException.SignatureRefused(run.runId());
        }
        admit(run, intake);
        enqueuer.enqueue(run.runId());
        return run;
    }

    /**
     * The run of the app's {@code email} handler for a stored message: the one already recorded for
     * {@code messageId} if there is one (even when the app has gone since), else a new one under the app's run policy.
     * An app without a live version is not found.
     */
    public Run email(EmailEnqueueRequest r) {
        requireApp(r.appId(), r.name());
        String messageId = required("messageId", r.messageId());
        String to = required("to", r.to());
        String mailFrom = r.mailFrom() == null ? "" : r.mailFrom();
        if (mailFrom.length() > MAX_EMAIL_FIELD) {
            throw new SchedulerException.InvalidRequest("mailFrom", "The envelope sender is too long.");
        }
        if (r.rawSize() < 0) {
            throw new SchedulerException.InvalidRequest("rawSize", "The message size is negative.");
        }
        String dedupeKey = "email:" + messageId;
        Optional<Run> recorded = runs.findByKey(r.appId(), dedupeKey);
        if (recorded.isPresent()) {
            return recorded.get();
        }
        RunPolicy policy = schedules
                .policy(r.appId())
                .or(() -> {
                    syncNow(r.appId());
                    return schedules.policy(r.appId());
                })
                .orElseThrow(() -> new SchedulerException.AppNotFound(r.name()));
        String subject = r.subject() == null ? "" : r.subject();
        if (subject.length() > MAX_SUBJECT) {
            subject = subject.substring(0, MAX_SUBJECT);
        }
        Run run = Run.create(
                r.appId(),
                policy.appName(),
                Run.EMAIL,
                to,
                "POST",
                EMAIL_URL,
                List.of(new HttpHeader("Content-Type", "application/json")),
                emailBody(new EmailBody(messageId, mailFrom, to, r.rawSize(), subject)),
                null,
                null,
                policy.attempts(),
                clock.instant());
        Runs.Keyed keyed = runs.insertOnce(run, dedupeKey);
        if (keyed.created()) {
            enqueuer.enqueue(run.runId());
        }
        return keyed.run();
    }

    /** The JSON body of an email run's invocations, in this order. */
    record EmailBody(String messageId, String mailFrom, String to, long rawSize, String subject) {}

    private static byte[] emailBody(EmailBody body) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("email run body not serialisable", e);
        }
    }

    private static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new SchedulerException.InvalidRequest(field, field + " is required.");
        }
        if (value.length() > MAX_EMAIL_FIELD) {
            throw new SchedulerException.InvalidRequest(field, field + " is too long.");
        }
        return value;
    }

    /** A new run with {@code runId}'s payload and trigger, and a fresh attempt budget under the app's current policy. */
    public Run replay(String runId) {
        Run old = runs.find(runId).orElseThrow(() -> new SchedulerException.RunNotFound(runId));
        RunPolicy policy = policy(old.appId(), old.appName());
        Run run = Run.create(
                old.appId(),
                policy.appName(),
                old.trigger(),
                old.source(),
                old.method(),
                old.url(),
                old.headers(),
                old.body(),
                old.scheduledFor(),
                old.runId(),
                policy.attempts(),
                clock.instant());
        runs.insert(run);
        enqueuer.enqueue(run.runId());
        return run;
    }

    /** Records {@code run} if the app's intake admits it (it is then in the database), else refuses it. */
    private void admit(Run run, Intake intake) {
        switch (admissions.admit(run, intake, clock.instant())) {
            case Admissions.Admitted a -> {}
            case Admissions.RateLimited limited ->
                throw new SchedulerException.RateLimited(limited.retryAfterSeconds());
            case Admissions.StorageFull full -> throw new SchedulerException.StorageFull(full.maxStoredBytes());
        }
    }

    /**
     * The app's run policy. A run can arrive before the app's deploy event reached this scheduler (a first deploy
     * and an async request right after it): then the policy is read from deploy-svc at once, so the run gets the
     * attempts the manifest declares, not the defaults.
     */
    private RunPolicy policy(String appId, String name) {
        return schedules
                .policy(appId)
                .or(() -> {
                    syncNow(appId);
                    return schedules.policy(appId);
                })
                .orElse(RunPolicy.defaults(appId, name));
    }

    /** The app's intake, read from deploy-svc at once if its deploy event has not arrived yet (as {@link #policy}). */
    private Intake intake(String appId) {
        return schedules
                .intake(appId)
                .or(() -> {
                    syncNow(appId);
                    return schedules.intake(appId);
                })
                .orElse(Intake.DEFAULT);
    }

    private void syncNow(String appId) {
        sync.app(appId, triggers.fetch(appId).orElse(null), clock.instant());
    }

    private static void requireApp(String appId, String name) {
        if (appId == null || appId.isBlank() || name == null || name.isBlank()) {
            throw new SchedulerException.InvalidRequest("appId", "The request names no app.");
        }
    }

    private static void checkSize(byte[] body) {
        if (body != null && body.length > SchedulerSubjects.MAX_PAYLOAD) {
            throw new SchedulerException.PayloadTooLarge(SchedulerSubjects.MAX_PAYLOAD);
        }
    }

    /** The raw path and query of {@code url}, or null when it is not a URL. */
    private static String pathAndQuery(String url) {
        try {
            URI uri = URI.create(url == null ? "" : url);
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static List<HttpHeader> kept(List<HttpHeader> headers) {
        return headers == null
                ? List.of()
                : headers.stream()
                        .filter(h -> h.name() != null
                                && !DROPPED_HEADERS.contains(h.name().toLowerCase(Locale.ROOT)))
                        .toList();
    }
}
