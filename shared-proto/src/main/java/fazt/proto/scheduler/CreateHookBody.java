package fazt.proto.scheduler;

/** The body of {@code POST /api/apps/{name}/hooks}: the webhook's name, signature scheme and secret. */
public record CreateHookBody(String name, String signature, String secret) {}
