package fazt.proto.scheduler;

/** {@code POST /api/apps/{name}/hooks}: the webhook created. */
public record HookAnswer(HookView hook) {}
