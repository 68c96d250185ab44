package fazt.proto.deploy;

/** {@code POST /api/apps/{name}/rollback}: the app and the version now live. */
public record RolledBack(AppView app, int version) {}
