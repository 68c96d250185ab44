package fazt.runtime.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.admin.AdminRouter;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.runtime.InvocationRecord;
import fazt.proto.runtime.RuntimeAdminApi;
import jakarta.inject.Singleton;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
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
    private final AdminRouter router = AdminRouter.of(ServiceName.RUNTIME, RuntimeAdminApi.ROUTES)
            .on("GET /apps/{name}/logs", call -> answer("logs", () -> logs(call.request(), call.param("name"))))
            .on(
                    "GET /apps/{name}/requests",
                    call -> answer("requests", () -> requests(call.request(), call.param("name"))))
            .on("GET /apps/{name}/metrics", call -> answer("metrics", () -> metrics(call.param("name"))))
            .build();

    ObserveEndpoint(AppDirectory directory, AppLogPages logs, InvocationHistory invocations) {
        this.directory = directory;
        this.logs = logs;
        this.invocations = invocations;
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

    private Object logs(AdminRequest request, String name) {
        LogQuery query = LogQuery.of(request, clock);
        return logs.page(directory.appId(name), query);
    }

    private Object requests(AdminRequest request, String name) {
        int limit = LogQuery.limit(
                request.queryParam("limit"), InvocationHistory.DEFAULT_LIMIT, InvocationHistory.MAX_LIMIT);
        String status = request.queryParam("status");
        Predicate<InvocationRecord> filter = statusFilter(status);
        InvocationHistory.Recent recent = invocations.recent(directory.appId(name), limit, filter, status != null);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "requests",
                recent.requests().stream().map(ObserveEndpoint::view).toList());
        body.put("truncated", recent.truncated());
        return body;
    }

    private Object metrics(String name) {
        String appId = directory.appId(name);
        Map<String, Object> body = new LinkedHashMap<>();
        for (InvocationHistory.Window window : invocations.metrics(appId)) {
            body.put(window.window(), window);
        }
        return body;
    }

    /** {@code status=error} (500 or more), a class such as {@code 4xx}, or one status such as {@code 404}. */
    static Predicate<InvocationRecord> statusFilter(String status) {
        if (status == null || status.isBlank()) {
            return r -> true;
        }
        String value = status.strip().toLowerCase(java.util.Locale.ROOT);
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
    private static Map<String, Object> view(InvocationRecord r) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("at", r.at());
        view.put("requestId", r.requestId());
        view.put("trigger", r.trigger());
        view.put("method", r.method());
        view.put("path", r.path());
        view.put("status", r.status());
        view.put("durationMs", r.durationMillis());
        view.put("cold", r.cold());
        view.put("instance", r.instance());
        if (r.error() != null) {
            view.put("error", r.error());
        }
        return view;
    }

    private static String json(Object body) {
        try {
            return MessageCodec.INSTANCE.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render an observability answer", e);
        }
    }
}
