package fazt.proto.deploy;

/** The body of {@code POST /api/apps/{name}/clone}: the new app's name, and the version to copy (default the live one). */
public record CloneBody(String as, Integer version) {}
