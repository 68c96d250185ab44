package fazt.proto.scheduler;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/**
 * scheduler-svc's part of the admin API: an app's runs, schedules and webhooks. A run is addressed by its id alone,
 * so {@code /runs/{id}} checks the scope of the run's app ({@code read|deploy:<app>} to look, {@code deploy:<app>} to
 * replay) once the run is found.
 */
public final class SchedulerAdminApi {
    private SchedulerAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route("GET", "/apps/{name}/runs", "read|deploy:{name}", "Lists an app's runs, newest first")
                    .query("status", "trigger", "limit", "cursor")
                    .returns(200, RunList.class),
            route("GET", "/apps/{name}/schedules", "read|deploy:{name}", "Lists an app's cron schedules and limits")
                    .returns(200, ScheduleList.class),
            route("GET", "/apps/{name}/hooks", "read|deploy:{name}", "Lists an app's webhooks")
                    .returns(200, HookList.class),
            route("POST", "/apps/{name}/hooks", "deploy:{name}", "Creates a webhook")
                    .accepts(CreateHookBody.class)
                    .returns(201, HookAnswer.class),
            route("DELETE", "/apps/{name}/hooks/{hook}", "deploy:{name}", "Deletes a webhook")
                    .answers(204),
            route("GET", "/runs/{id}", "caller", "Shows a run with its attempts (read or deploy: on its app)")
                    .returns(200, RunDetail.class),
            route("POST", "/runs/{id}/replay", "caller", "Runs a finished run again as a new run (deploy: on its app)")
                    .returns(201, RunAnswer.class));

    private static AdminRoute route(String method, String template, String scope, String summary) {
        return AdminRoute.of(ServiceName.SCHEDULER, method, template, scope, summary);
    }
}
