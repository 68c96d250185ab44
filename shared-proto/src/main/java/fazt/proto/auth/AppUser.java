package fazt.proto.auth;

import fazt.proto.MessageType;

/**
 * A person logged in to one hosted app through one of its login providers (never an admin user): {@code id} is the
 * app-scoped user id auth-svc assigned ({@code au_…}), {@code email} the provider's (verified) address or null,
 * {@code name} and {@code picture} (a URL) as the provider gave them or null, {@code provider} the provider id within
 * the app ({@code google}, {@code github}, or the name of an OIDC issuer).
 */
@MessageType("auth.app_user.v1")
public record AppUser(String id, String email, String name, String picture, String provider) {}
