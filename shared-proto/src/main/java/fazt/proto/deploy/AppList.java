package fazt.proto.deploy;

import java.util.List;

/** {@code GET /api/apps}: the apps the caller may see. */
public record AppList(List<AppView> apps) {}
