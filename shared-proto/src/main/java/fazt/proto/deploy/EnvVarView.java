package fazt.proto.deploy;

import java.time.Instant;

/** One env var of an app; a secret's {@code value} is masked in every answer. */
public record EnvVarView(String key, String value, boolean secret, Instant updatedAt) {}
