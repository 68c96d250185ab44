package fazt.proto.deploy;

/** The body of {@code POST /api/apps/{name}/domains}: the domain to map, e.g. {@code shop.example.com}. */
public record DomainBody(String domain) {}
