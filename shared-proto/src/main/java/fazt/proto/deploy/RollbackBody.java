package fazt.proto.deploy;

/** The body of {@code POST /api/apps/{name}/rollback}: the version to make live; absent, the previous one. */
public record RollbackBody(Integer version) {}
