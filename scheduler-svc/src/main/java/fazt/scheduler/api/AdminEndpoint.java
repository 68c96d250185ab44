package fazt.scheduler.api;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.Principal;
import fazt.scheduler.domain.AcceptRuns;
import fazt.scheduler.domain.Hook;
import fazt.scheduler.domain.LiveSites;
import fazt.scheduler.domain.ManageHooks;
import fazt.scheduler.domain.Run;
import fazt.scheduler.domain.Runs;
import fazt.scheduler.domain.SchedulerException;
import fazt.scheduler.domain.Schedules;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * {@code svc.scheduler.admin}: the runs, schedules and hooks part of the admin API, forwarded by the gateway:
 * {@code GET /apps/{name}/runs}, {@code GET /runs/{id}}, {@code POST /runs/{id}/replay}, {@code GET /apps/{name}/schedules},
 * {@code GET|POST /apps/{name}/hooks}, {@code DELETE /apps/{name}/hooks/{hook}}. Scopes as deploy's: {@code read} or
 * {@code deploy:<app>} to look, {@code deploy:<app>} (or {@code admin}) to change.
 */
@Singleton
final class AdminEndpoint implements RequestEndpoint {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    private final Runs runs;
    private final Schedules schedules;
    private final AcceptRuns accept;
    private final ManageHooks hooks;
    private final LiveSites sites;
    private final String domain;

    AdminEndpoint(Runs runs, Schedules schedules, AcceptRuns accept, ManageHooks hooks, LiveSites sites,
                  BootstrapSettings settings) {
        this.runs = runs;
        this.schedules = schedules;
        this.accept = accept;
        this.hooks = hooks;
        this.sites = sites;
        this.domain = settings.domain();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.SCHEDULER);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        AdminRequest request = incoming.body(AdminRequest.class);
        try {
            return route(request);
        } catch (SchedulerException e) {
            throw ProblemMapper.toProblem(e);
        }
    }

    private AdminResponse route(AdminRequest request) {
        String[] parts = request.path().replaceAll("^/+", "").split("/", 5);
        Principal who = request.principal();
        String method = request.method();
        if (parts[0].equals("runs") && parts.length >= 2) {
            Run run = runs.find(parts[1]).orElseThrow(() -> new SchedulerException.RunNotFound(parts[1]));
            String app = appName(run);
            if (parts.length == 2) {
                requireMethod(method, "GET");
                canRead(who, app);
                return AdminResponse.json(200, RunViews.runDetail(run, runs.attempts(run.runId())));
            }
            if (parts.length == 3 && parts[2].equals("replay")) {
                requireMethod(method, "POST");
                canChange(who, app);
                if (run.status().equals(Run.REFUSED)) {
                    throw new SchedulerException.InvalidRequest("id", "A refused webhook delivery cannot be replayed.");
                }
                Run replay = accept.replay(run.runId());
                return AdminResponse.json(201, RunViews.json(Map.of("run", RunViews.run(replay))));
            }
        }
        if (parts[0].equals("apps") && parts.length >= 3) {
            String name = parts[1];
            return switch (parts[2]) {
                case "runs" -> {
                    requireMethod(method, "GET");
                    canRead(who, name);
                    yield listRuns(request, appId(name));
                }
                case "schedules" -> {
                    requireMethod(method, "GET");
                    canRead(who, name);
                    String appId = appId(name);
                    yield AdminResponse.json(200, RunViews.schedules(schedules.of(appId).stream().map(s ->
                            RunViews.schedule(s, s.lastRunId() == null ? null
                                    : runs.find(s.lastRunId()).map(Run::status).orElse(null))).toList(),
                            schedules.policy(appId).orElse(null)));
                }
                case "hooks" -> hooks(request, who, name, parts.length > 3 ? parts[3] : "");
                default -> throw notFound(request);
            };
        }
        throw notFound(request);
    }

    private AdminResponse listRuns(AdminRequest request, String appId) {
        String status = request.queryParam("status");
        if (status != null && !Run.STATUSES.contains(status)) {
            throw new SchedulerException.InvalidRequest("status", "status is one of " + String.join(", ", Run.STATUSES) + ".");
        }
        String trigger = request.queryParam("trigger");
        if (trigger != null && !Run.TRIGGERS.contains(trigger)) {
            throw new SchedulerException.InvalidRequest("trigger", "trigger is one of " + String.join(", ", Run.TRIGGERS) + ".");
        }
        int limit = DEFAULT_LIMIT;
        if (request.queryParam("limit") != null) {
            try {
                limit = Integer.parseInt(request.queryParam("limit"));
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new SchedulerException.InvalidRequest("limit", "limit is a whole number from 1 to " + MAX_LIMIT + ".");
            }
        }
        List<Run> page = runs.list(appId, status, trigger, limit + 1, request.queryParam("cursor"));
        String next = page.size() > limit ? page.get(limit - 1).runId() : null;
        return AdminResponse.json(200, RunViews.runs(page.subList(0, Math.min(limit, page.size())), next));
    }

    private AdminResponse hooks(AdminRequest request, Principal who, String name, String hook) {
        String method = request.method();
        if (hook.isEmpty()) {
            return switch (method) {
                case "GET" -> {
                    canRead(who, name);
                    String appId = appId(name);
                    yield AdminResponse.json(200, RunViews.json(Map.of("hooks", hooks.list(appId).stream()
                            .map(h -> RunViews.hook(h, host(name))).toList())));
                }
                case "POST" -> {
                    canChange(who, name);
                    JsonNode body = jsonBody(request);
                    Hook created = hooks.create(appId(name), text(body, "name"), text(body, "signature"),
                            text(body, "secret"));
                    yield AdminResponse.json(201, RunViews.json(Map.of("hook", RunViews.hook(created, host(name)))));
                }
                default -> throw methodNotAllowed(method, "GET, POST");
            };
        }
        requireMethod(method, "DELETE");
        canChange(who, name);
        hooks.delete(appId(name), hook);
        return new AdminResponse(204, null, null, null, null);
    }

    private String appId(String name) {
        return sites.find(name).map(LiveSites.LiveSite::appId).orElseThrow(() -> new SchedulerException.AppNotFound(name));
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

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw methodNotAllowed(method, allowed);
        }
    }

    private static SchedulerException methodNotAllowed(String method, String allowed) {
        return new SchedulerException.InvalidRequest("method", method + " is not supported here; use " + allowed + ".");
    }

    private static SchedulerException notFound(AdminRequest request) {
        return new SchedulerException.InvalidRequest("path", "No admin API at /api" + request.path() + ".");
    }

    private static JsonNode jsonBody(AdminRequest request) {
        if (request.body() == null || request.body().isBlank()) {
            return MessageCodec.INSTANCE.mapper().createObjectNode();
        }
        try {
            JsonNode node = MessageCodec.INSTANCE.mapper().readTree(request.body());
            if (node == null || !node.isObject()) {
                throw new SchedulerException.InvalidRequest("body", "The body must be a JSON object.");
            }
            return node;
        } catch (IOException e) {
            throw new SchedulerException.InvalidRequest("body", "The body is not valid JSON.");
        }
    }

    private static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new SchedulerException.InvalidRequest(field, "\"" + field + "\" must be a string.");
        }
        return value.asText();
    }
}
