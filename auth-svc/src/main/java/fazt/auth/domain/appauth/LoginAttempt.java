package fazt.auth.domain.appauth;

import java.time.Instant;

/**
 * A login in progress, kept server-side until its callback (or {@link AppLogin#ATTEMPT_TTL}): which app and provider,
 * the OIDC {@code nonce}, the PKCE {@code codeVerifier}, the local path to return to, and the hash of the browser
 * cookie that started it. Looked up and deleted at once by the hash of its {@code state}.
 */
public record LoginAttempt(
        byte[] stateHash,
        byte[] browserHash,
        String appId,
        String app,
        String provider,
        String nonce,
        String codeVerifier,
        String redirect,
        Instant expiresAt) {}
