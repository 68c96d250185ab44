package fazt.runtime.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.LogLineView;
import fazt.proto.runtime.LogPage;
import fazt.proto.runtime.Metrics;
import fazt.proto.runtime.MetricsWindow;
import fazt.proto.runtime.RequestList;
import fazt.proto.runtime.RequestView;
import fazt.proto.runtime.RuntimeAdminApi;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code svc.runtime.admin}: the part of the admin API about what an app's code did ({@link RuntimeAdminApi}),
 * forwarded by the gateway: {@code GET /api/apps/{name}/logs}, {@code /requests} and {@code /metrics}. The router
 * checked the scope ({@code read}, {@code logs:<name>} or {@code logs:*}, or {@code admin}); the name is resolved to
 * the app's id by deploy-svc, and only that id's subjects are read.
 */
@Singleton
final class ObserveEndpoint implements RequestEndpoint {
    private final AppDirectory directory;
    private final AppLogPages logs;
    private final InvocationHistory invocations;
    private static final Logger log = LoggerFactory.getLogger(ObserveEndpoint.class);

    private final Clock clock = Clock.systemUTC();
    private final AdminRouter router;

    ObserveEndpoint(
            AppDirectory directory, AppLogPages logs, InvocationHistory invocations, PrincipalVerifier verifier) {
        this.directory = directory;
        this.logs = logs;
        this.invocations = invocations;
        this.router = AdminRouter.of(ServiceName.RUNTIME, RuntimeAdminApi.ROUTES)
                .on("GET /apps/{name}/logs", call -> answer("logs", () -> logs(call.request(), call.param("name"))))
                .on(
                        "GET /apps/{name}/requests",
                        call -> answer("requests", () -> requests(call.request(), call.param("name"))))
                .on("GET /apps/{name}/metrics", call -> answer("metrics", () -> metrics(call.param("name"))))
                .verifiedBy(verifier)
                .build();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.RUNTIME);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        return router.handle(incoming);
    }

    /** The JSON answer of one read; an unreachable log store is a 503. */
    private static AdminResponse answer(String action, Supplier<Object> read) {
        try {
            return AdminResponse.json(200, json(read.get()));
        } catch (SubjectHistory.LogStoreException | UncheckedIOException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            log.warn(
                    "app log store unavailable action={} reason={}: {}",
                    action,
                    cause.getClass().getSimpleName(),
                    cause.getMessage());
            throw ObserveProblems.unavailable("The app log store (NATS JetStream)");
        }
    }

    private LogPage logs(AdminRequest request, String name) {
        LogQuery query = LogQuery.of(request, clock);
        AppLogPages.Page page = logs.page(directory.appId(name), query);
        return new LogPage(
                page.lines().stream()
                        .map(l -> new LogLineView(l.at(), l.level(), l.message(), l.requestId(), l.instance()))
                        .toList(),
                page.cursor(),
                page.more());
    }

    private RequestList requests(AdminRequest request, String name) {
        int limit = LogQuery.limit(
                request.queryParam("limit"), InvocationHistory.DEFAULT_LIMIT, InvocationHistory.MAX_LIMIT);
        String status = request.queryParam("status");
        Predicate<InvocationRecord> filter = statusFilter(status);
        InvocationHistory.Recent recent = invocations.recent(directory.appId(name), limit, filter, status != null);
        return new RequestList(
                recent.requests().stream().map(ObserveEndpoint::view).toList(), recent.truncated());
    }

    private Metrics metrics(String name) {
        List<InvocationHistory.Window> windows = invocations.metrics(directory.appId(name)); // the hour, then the day
        return new Metrics(view(windows.get(0)), view(windows.get(1)));
    }

    private static MetricsWindow view(InvocationHistory.Window w) {
        return new MetricsWindow(
                w.window(),
                w.from(),
                w.requests(),
                w.errors(),
                w.coldStarts(),
                w.p50Ms(),
                w.p95Ms(),
                w.sampled(),
                w.sampleSize());
    }

    /** {@code status=error} (500 or more), a class such as {@code 4xx}, or one status such as {@code 404}. */
    static Predicate<InvocationRecord> statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return r -> true;
        }
        String value = status.strip().toLowerCase(Locale.ROOT);
        if (value.equals("error")) {
            return InvocationStats::failed;
        }
        if (value.matches("[1-5]xx")) {
            int hundreds = value.charAt(0) - '0';
            return r -> r.status() / 100 == hundreds;
        }
        if (value.matches("[1-5]\\d\\d")) {
            int exact = Integer.parseInt(value);
            return r -> r.status() == exact;
        }
        throw ObserveProblems.invalid(
                "status",
                "status must be error, a class such as 4xx, or a status such as" + " 404; got \""
                        + (value.length() > 40 ? value.substring(0, 40) : value) + "\".");
    }

    /** A record as the API shows it: without the app id, which the caller did not ask by. */
    private static RequestView view(InvocationRecord r) {
        return new RequestView(
                r.at(),
                r.requestId(),
                r.trigger(),
                r.method(),
                r.path(),
                r.status(),
                r.durationMillis(),
                r.cold(),
                r.instance(),
                r.error());
    }

    private static String json(Object body) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an observability answer", e);
        }
    }
}
