package fazt.auth.domain.appauth;

import java.net.URI;

/**
 * Port: talking to login providers (OIDC discovery, authorization URL, code exchange, ID token validation; GitHub's
 * OAuth and user API). Failures are {@link ProviderFailure}s with a message fit for the user.
 */
public interface IdentityProviders {
    /** Where to send the browser to log in: the provider's authorization endpoint with every parameter (PKCE: the S256 challenge of {@code codeVerifier}). */
    URI authorizationUri(ProviderConfig provider, URI redirectUri, String state, String nonce, String codeVerifier);

    /**
     * Exchanges {@code code} (with the PKCE verifier) for tokens and returns who logged in. For OIDC the ID token is
     * validated: signature against the issuer's JWKS, issuer, audience (our client id), expiry and {@code nonce}.
     */
    Identity exchange(
            ProviderConfig provider,
            String clientSecret,
            URI redirectUri,
            String code,
            String codeVerifier,
            String nonce);

    /** A provider refused, could not be reached, or sent something not valid. */
    final class ProviderFailure extends RuntimeException {
        /** What failed. */
        public enum Kind {
            REFUSED,
            UNREACHABLE,
            ID_TOKEN
        }

        private final Kind kind;

        public ProviderFailure(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }
}
