package fazt.proto.deploy;

import java.util.List;

/** {@code GET /api/apps/{name}/domains} and {@code GET /api/domains}: custom domains, ordered by domain. */
public record DomainList(List<DomainView> domains) {}
