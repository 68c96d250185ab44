package fazt.proto.runtime;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/** runtime-svc's part of the admin API: what an app's code did (logs, requests, metrics). */
public final class RuntimeAdminApi {
    private RuntimeAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route("GET", "/apps/{name}/logs", "Reads an app's log lines, oldest first")
                    .query("since", "after", "limit", "level")
                    .returns(200, LogPage.class),
            route("GET", "/apps/{name}/requests", "Lists an app's recent requests, newest first")
                    .query("limit", "status")
                    .returns(200, RequestList.class),
            route("GET", "/apps/{name}/metrics", "Counts an app's requests, errors and durations per window")
                    .returns(200, Metrics.class));

    private static AdminRoute route(String method, String template, String summary) {
        return AdminRoute.of(ServiceName.RUNTIME, method, template, "read|logs:{name}", summary);
    }
}
