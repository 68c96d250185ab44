package fazt.proto.scheduler;

import java.util.List;

/** {@code GET /api/apps/{name}/hooks}: the app's webhooks. */
public record HookList(List<HookView> hooks) {}
