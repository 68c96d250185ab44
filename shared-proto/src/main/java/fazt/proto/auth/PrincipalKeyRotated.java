package fazt.proto.auth;

/**
 * {@code POST /api/auth/principal-keys/rotate}: the key auth-svc signs callers with from now on, and the one it
 * retired (null when there was none), which verifiers accept until its last assertions expire (ADR 32).
 */
public record PrincipalKeyRotated(String keyId, String retiredKeyId) {}
