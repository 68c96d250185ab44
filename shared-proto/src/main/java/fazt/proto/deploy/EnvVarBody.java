package fazt.proto.deploy;

/** The body of {@code PUT /api/apps/{name}/env/{key}}: the value, and whether it is a secret (masked when listed). */
public record EnvVarBody(String value, Boolean secret) {}
