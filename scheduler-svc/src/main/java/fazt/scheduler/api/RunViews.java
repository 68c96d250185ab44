package fazt.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.proto.MessageCodec;
import fazt.proto.runtime.HttpHeader;
import fazt.proto.scheduler.AttemptView;
import fazt.proto.scheduler.HookView;
import fazt.proto.scheduler.IntakeView;
import fazt.proto.scheduler.PayloadView;
import fazt.proto.scheduler.PolicyView;
import fazt.proto.scheduler.RunDetail;
import fazt.proto.scheduler.RunList;
import fazt.proto.scheduler.RunView;
import fazt.proto.scheduler.ScheduleList;
import fazt.proto.scheduler.ScheduleView;
import fazt.proto.scheduler.SchedulerAdminApi;
import fazt.scheduler.domain.Hook;
import fazt.scheduler.domain.Intake;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.RunPolicy;
import fazt.scheduler.domain.Schedule;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The admin API's JSON bodies for runs, schedules and hooks, as the records of {@link SchedulerAdminApi} declare them. */
final class RunViews {
    /** Request headers that carry a caller's credentials: the handler gets them, listings show them masked. */
    private static final Set<String> CREDENTIALS =
            Set.of("authorization", "cookie", "proxy-authorization", "x-api-key");

    private static final String MASK = "••••••";

    private RunViews() {}

    static RunView run(Run r) {
        return new RunView(
                r.runId(),
                r.appName(),
                r.trigger(),
                r.source(),
                r.status(),
                r.attempts(),
                r.maxAttempts(),
                r.lost(),
                r.error(),
                r.scheduledFor(),
                r.replayOf(),
                r.createdAt(),
                r.nextAttemptAt(),
                r.finishedAt());
    }

    static RunList runs(List<Run> runs, String nextCursor) {
        return new RunList(runs.stream().map(RunViews::run).toList(), nextCursor);
    }

    static RunDetail runDetail(Run r, List<Run.Attempt> attempts) {
        return new RunDetail(
                run(r),
                payload(r),
                attempts.stream()
                        .map(a -> new AttemptView(
                                a.n(),
                                a.startedAt(),
                                a.endedAt(),
                                a.status(),
                                a.httpStatus(),
                                a.error(),
                                a.log(),
                                a.instance(),
                                a.counted()))
                        .toList());
    }

    static PayloadView payload(Run r) {
        byte[] body = r.body() == null ? new byte[0] : r.body();
        String text = null;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            // binary: sent as base64 below
        }
        List<HttpHeader> shown = r.headers() == null
                ? List.of()
                : r.headers().stream()
                        .map(h -> CREDENTIALS.contains(h.name().toLowerCase(Locale.ROOT))
                                ? new HttpHeader(h.name(), MASK)
                                : h)
                        .toList();
        return new PayloadView(
                r.method(),
                r.url(),
                shown,
                text,
                text == null ? Base64.getEncoder().encodeToString(body) : null,
                body.length);
    }

    static ScheduleList schedules(List<ScheduleView> schedules, RunPolicy policy, Intake intake, long storedBytes) {
        return new ScheduleList(
                schedules,
                policy == null
                        ? null
                        : new PolicyView(
                                policy.attempts(),
                                policy.backoffMillis(),
                                policy.concurrency(),
                                policy.timeoutMillis()),
                intake == null
                        ? null
                        : new IntakeView(
                                intake.async(),
                                intake.perMinute(),
                                intake.burst(),
                                intake.maxStoredBytes(),
                                storedBytes));
    }

    static HookView hook(Hook h, String host) {
        return new HookView(
                h.hookId(),
                h.name(),
                h.signature(),
                host,
                "/_fazt/hooks/" + h.hookId(),
                "/api/hooks/" + h.name(),
                h.createdAt());
    }

    static String json(Object value) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("view not serialisable", e);
        }
    }

    static ScheduleView schedule(Schedule s, String lastStatus) {
        return new ScheduleView(
                s.name(),
                s.cron(),
                s.tz(),
                s.everyMillis(),
                s.catchup(),
                s.nextFire(),
                s.lastFire(),
                s.lastRunId(),
                lastStatus);
    }
}
