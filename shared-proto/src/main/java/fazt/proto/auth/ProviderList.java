package fazt.proto.auth;

import java.util.List;

/** The answer of {@code GET /api/apps/{name}/auth/providers}. */
public record ProviderList(List<ProviderView> providers) {}
