package fazt.proto.deploy;

import java.util.List;

/** {@code GET /api/apps/{name}/versions}: every version of the app, the live one marked. */
public record VersionList(List<VersionView> versions) {}
