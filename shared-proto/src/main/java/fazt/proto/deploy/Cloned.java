package fazt.proto.deploy;

/** {@code POST /api/apps/{name}/clone}: the new app. */
public record Cloned(AppView app) {}
