package fazt.proto.deploy;

import java.util.List;

/** {@code GET /api/apps/{name}/env}: the app's env vars by key. */
public record EnvList(List<EnvVarView> env) {}
