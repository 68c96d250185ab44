package fazt.proto.deploy;

/** The body of {@code PATCH /api/apps/{name}}: the app's new name. */
public record RenameBody(String name) {}
