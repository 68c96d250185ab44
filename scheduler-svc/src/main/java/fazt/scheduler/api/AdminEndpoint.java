package fazt.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.BootstrapSettings;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.scheduler.HookAnswer;
import fazt.proto.scheduler.HookList;
import fazt.proto.scheduler.RunAnswer;
import fazt.proto.scheduler.SchedulerAdminApi;
import fazt.scheduler.domain.AcceptRuns;
import fazt.scheduler.domain.Admissions;
import fazt.scheduler.domain.Hook;
import fazt.scheduler.domain.LiveSites;
import fazt.scheduler.domain.ManageHooks;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.Runs;
import fazt.scheduler.domain.SchedulerException;
import fazt.scheduler.domain.Schedules;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code svc.scheduler.admin}: the runs, schedules and hooks part of the admin API ({@link SchedulerAdminApi}),
 * forwarded by the gateway. One handler per declared route; the router checked path, method and the scopes of
 * {@code /apps/{name}/...}. A run is addressed by id, so its handlers check the scope of the run's app:
 * {@code read} or {@code deploy:<app>} to look, {@code deploy:<app>} (or {@code admin}) to replay.
 */
@Singleton
final class AdminEndpoint implements RequestEndpoint {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Runs runs;
    private final Schedules schedules;
    private final Admissions admissions;
    private final AcceptRuns accept;
    private final ManageHooks hooks;
    private final LiveSites sites;
    private final String domain;
    private final AdminInput input = new AdminInput(ServiceName.SCHEDULER);
    private final AdminRouter router;

    AdminEndpoint(
            Runs runs,
            Schedules schedules,
            Admissions admissions,
            AcceptRuns accept,
            ManageHooks hooks,
            LiveSites sites,
            BootstrapSettings settings,
            PrincipalVerifier verifier) {
        this.runs = runs;
        this.schedules = schedules;
        this.admissions = admissions;
        this.accept = accept;
        this.hooks = hooks;
        this.sites = sites;
        this.domain = settings.domain();
        this.router = AdminRouter.of(ServiceName.SCHEDULER, SchedulerAdminApi.ROUTES)
                .on("GET /apps/{name}/runs", call -> listRuns(call.request(), appId(call.param("name"))))
                .on("GET /apps/{name}/schedules", this::schedules)
                .on("GET /apps/{name}/hooks", this::hooks)
                .on("POST /apps/{name}/hooks", this::createHook)
                .on("DELETE /apps/{name}/hooks/{hook}", this::deleteHook)
                .on("GET /runs/{id}", this::run)
                .on("POST /runs/{id}/replay", this::replay)
                .verifiedBy(verifier)
                .build();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.SCHEDULER);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        try {
            return router.handle(incoming);
        } catch (SchedulerException e) {
            throw ProblemMapper.toProblem(e);
        }
    }

    private AdminResponse run(AdminCall call) {
        Run run = find(call.param("id"));
        canRead(call.principal(), appName(run));
        return AdminResponse.json(200, RunViews.json(RunViews.runDetail(run, runs.attempts(run.runId()))));
    }

    private AdminResponse replay(AdminCall call) {
        Run run = find(call.param("id"));
        canChange(call.principal(), appName(run));
        if (run.status().equals(Run.REFUSED)) {
            throw new SchedulerException.InvalidRequest("id", "A refused webhook delivery cannot be replayed.");
        }
        Run replay = accept.replay(run.runId());
        return AdminResponse.json(201, RunViews.json(new RunAnswer(RunViews.run(replay))));
    }

    private AdminResponse schedules(AdminCall call) {
        String appId = appId(call.param("name"));
        return AdminResponse.json(
                200,
                RunViews.json(RunViews.schedules(
                        schedules.of(appId).stream()
                                .map(s -> RunViews.schedule(
                                        s,
                                        s.lastRunId() == null
                                                ? null
                                                : runs.find(s.lastRunId())
                                                        .map(Run::status)
                                                        .orElse(null)))
                                .toList(),
                        schedules.policy(appId).orElse(null),
                        schedules.intake(appId).orElse(null),
                        admissions.storedBytes(appId))));
    }

    private AdminResponse listRuns(AdminRequest request, String appId) {
        String status = request.queryParam("status");
        if (status != null && !Run.STATUSES.contains(status)) {
            throw new SchedulerException.InvalidRequest(
                    "status", "status is one of " + String.join(", ", Run.STATUSES) + ".");
        }
        String trigger = request.queryParam("trigger");
        if (trigger != null && !Run.TRIGGERS.contains(trigger)) {
            throw new SchedulerException.InvalidRequest(
                    "trigger", "trigger is one of " + String.join(", ", Run.TRIGGERS) + ".");
        }
        int limit = DEFAULT_LIMIT;
        if (request.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(request.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new SchedulerException.InvalidRequest(
                        "limit", "limit is a whole number from 1 to " + MAX_LIMIT + ".");
            }
        }
        List<Run> page = runs.list(appId, status, trigger, limit + 1, request.queryParam("cursor"));
        String next = page.size() > limit ? page.get(limit - 1).runId() : null;
        return AdminResponse.json(
                200, RunViews.json(RunViews.runs(page.subList(0, Math.min(limit, page.size())), next)));
    }

    private AdminResponse hooks(AdminCall call) {
        String name = call.param("name");
        return AdminResponse.json(
                200,
                RunViews.json(new HookList(hooks.list(appId(name)).stream()
                        .map(h -> RunViews.hook(h, host(name)))
                        .toList())));
    }

    private AdminResponse createHook(AdminCall call) {
        String name = call.param("name");
        JsonNode body = input.jsonBody(call.request());
        Hook created = hooks.create(
                appId(name), input.text(body, "name"), input.text(body, "signature"), input.text(body, "secret"));
        return AdminResponse.json(201, RunViews.json(new HookAnswer(RunViews.hook(created, host(name)))));
    }

    private AdminResponse deleteHook(AdminCall call) {
        hooks.delete(appId(call.param("name")), call.param("hook"));
        return new AdminResponse(204, null, null, null, null);
    }

    private Run find(String id) {
        return runs.find(id).orElseThrow(() -> new SchedulerException.RunNotFound(id));
    }

    private String appId(String name) {
        return sites.find(name)
                .map(LiveSites.LiveSite::appId)
                .orElseThrow(() -> new SchedulerException.AppNotFound(name));
    }

    /** The app's current alias (a rename since the run was recorded is followed), or the alias it had then. */
    private String appName(Run run) {
        return schedules.policy(run.appId()).map(p -> p.appName()).orElse(run.appName());
    }

    private String host(String name) {
        return name + "." + domain;
    }

    private static void canRead(Principal who, String app) {
        if (!who.allows(Principal.READ) && !who.allows("deploy:" + app)) {
            throw new SchedulerException.NotAllowed("read or deploy:" + app);
        }
    }

    private static void canChange(Principal who, String app) {
        if (!who.allows("deploy:" + app)) {
            throw new SchedulerException.NotAllowed("deploy:" + app);
        }
    }
}
