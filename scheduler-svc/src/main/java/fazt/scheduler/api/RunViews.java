package fazt.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.proto.MessageCodec;
import fazt.proto.runtime.HttpHeader;
import fazt.scheduler.domain.Hook;
import fazt.scheduler.domain.Intake;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.RunPolicy;
import fazt.scheduler.domain.Schedule;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The admin API's JSON bodies for runs, schedules and hooks. Field names are the API; keep them stable. */
final class RunViews {
    /** Request headers that carry a caller's credentials: the handler gets them, listings show them masked. */
    private static final java.util.Set<String> CREDENTIALS = java.util.Set.of("authorization", "cookie",
            "proxy-authorization", "x-api-key");
    private static final String MASK = "••••••";

    private RunViews() {}

    record RunView(String id, String app, String trigger, String source, String status, int attempts, int maxAttempts,
                   int lost, String error, Instant scheduledFor, String replayOf, Instant createdAt,
                   Instant nextAttemptAt, Instant finishedAt) {}

    record AttemptView(int n, Instant startedAt, Instant endedAt, String status, Integer httpStatus, String error,
                       String log, String instance, boolean counted) {}

    /** The request the handler got: body as UTF-8 text when it is text, else base64. */
    record PayloadView(String method, String url, List<HttpHeader> headers, String body, String bodyBase64, int bytes) {}

    record ScheduleView(String name, String cron, String tz, Long everyMillis, String catchup, Instant nextRun,
                        Instant lastRun, String lastRunId, String lastStatus) {}

    record HookView(String id, String name, String signature, String host, String path, String appPath,
                    Instant createdAt) {}

    static RunView run(Run r) {
        return new RunView(r.runId(), r.appName(), r.trigger(), r.source(), r.status(), r.attempts(), r.maxAttempts(),
                r.lost(), r.error(), r.scheduledFor(), r.replayOf(), r.createdAt(), r.nextAttemptAt(), r.finishedAt());
    }

    static String runs(List<Run> runs, String nextCursor) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", runs.stream().map(RunViews::run).toList());
        body.put("nextCursor", nextCursor);
        return json(body);
    }

    static String runDetail(Run r, List<Run.Attempt> attempts) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", run(r));
        body.put("payload", payload(r));
        body.put("attempts", attempts.stream().map(a -> new AttemptView(a.n(), a.startedAt(), a.endedAt(), a.status(),
                a.httpStatus(), a.error(), a.log(), a.instance(), a.counted())).toList());
        return json(body);
    }

    static PayloadView payload(Run r) {
        byte[] body = r.body() == null ? new byte[0] : r.body();
        String text = null;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            // binary: sent as base64 below
        }
        List<HttpHeader> shown = r.headers() == null ? List.of() : r.headers().stream()
                .map(h -> CREDENTIALS.contains(h.name().toLowerCase(java.util.Locale.ROOT))
                        ? new HttpHeader(h.name(), MASK) : h).toList();
        return new PayloadView(r.method(), r.url(), shown, text,
                text == null ? Base64.getEncoder().encodeToString(body) : null, body.length);
    }

    /** The app's run policy as the scheduler holds it (null until deploy-svc's triggers reached it). */
    record PolicyView(int attempts, long backoffMillis, int concurrency, int timeoutMillis) {}

    /**
     * What the app accepts from outside (null until deploy-svc's triggers reached the scheduler), and the bytes of
     * async and webhook payloads it keeps now.
     */
    record IntakeView(List<String> async, int perMinute, int burst, long maxStoredBytes, long storedBytes) {}

    static String schedules(List<ScheduleView> schedules, RunPolicy policy, Intake intake, long storedBytes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("schedules", schedules);
        body.put("policy", policy == null ? null : new PolicyView(policy.attempts(), policy.backoffMillis(),
                policy.concurrency(), policy.timeoutMillis()));
        body.put("intake", intake == null ? null : new IntakeView(intake.async(), intake.perMinute(), intake.burst(),
                intake.maxStoredBytes(), storedBytes));
        return json(body);
    }

    static HookView hook(Hook h, String host) {
        return new HookView(h.hookId(), h.name(), h.signature(), host, "/_fazt/hooks/" + h.hookId(),
                "/api/hooks/" + h.name(), h.createdAt());
    }

    static String json(Object value) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("view not serialisable", e);
        }
    }

    static ScheduleView schedule(Schedule s, String lastStatus) {
        return new ScheduleView(s.name(), s.cron(), s.tz(), s.everyMillis(), s.catchup(), s.nextFire(), s.lastFire(),
                s.lastRunId(), lastStatus);
    }
}
