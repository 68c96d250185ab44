package fazt.auth.oidc;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import com.nimbusds.oauth2.sdk.auth.ClientAuthenticationMethod;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import fazt.auth.domain.appauth.Identity;
import fazt.auth.domain.appauth.IdentityProviders;
import fazt.auth.domain.appauth.IdentityProviders.ProviderFailure.Kind;
import fazt.auth.domain.appauth.ProviderConfig;
import fazt.auth.domain.appauth.ProviderKind;
import fazt.platform.net.AddressPolicy;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Login providers through the Nimbus OAuth 2.0 / OpenID Connect SDK. OIDC issuers (Google included) are found by
 * their discovery document (cached for {@link #METADATA_TTL}; its issuer must match its URL), codes are exchanged
 * with the PKCE verifier, and the ID token is validated by Nimbus' {@link IDTokenValidator}: signature against the
 * issuer's JWKS (asymmetric algorithms only), issuer, audience, expiry (60 s skew) and nonce. GitHub is OAuth 2.0
 * without ID tokens: the user comes from {@code api.github.com/user} and the primary verified address from
 * {@code /user/emails}. Every call has connect and read timeouts; documents are size-limited. The endpoints all come
 * from configuration an admin made (the discovery URL), never from the browser.
 */
@Singleton
final class NimbusIdentityProviders implements IdentityProviders {
    static final Duration METADATA_TTL = Duration.ofHours(1);
    static final int CONNECT_MILLIS = 5_000, READ_MILLIS = 10_000, MAX_DOCUMENT = 512 * 1024;
    static final URI GITHUB_AUTHORIZE = URI.create("https://github.com/login/oauth/authorize");
    static final URI GITHUB_TOKEN = URI.create("https://github.com/login/oauth/access_token");
    static final URI GITHUB_USER = URI.create("https://api.github.com/user");
    static final URI GITHUB_EMAILS = URI.create("https://api.github.com/user/emails");
    private static final Set<JWSAlgorithm> ASYMMETRIC = new LinkedHashSet<>(List.of(
            JWSAlgorithm.RS256,
            JWSAlgorithm.RS384,
            JWSAlgorithm.RS512,
            JWSAlgorithm.PS256,
            JWSAlgorithm.PS384,
            JWSAlgorithm.PS512,
            JWSAlgorithm.ES256,
            JWSAlgorithm.ES384,
            JWSAlgorithm.ES512,
            JWSAlgorithm.EdDSA,
            JWSAlgorithm.Ed25519));

    private final DefaultResourceRetriever retriever =
            new DefaultResourceRetriever(CONNECT_MILLIS, READ_MILLIS, MAX_DOCUMENT);
    private final Map<String, Issuer> issuers = new ConcurrentHashMap<>();
    private final Set<String> allowedHosts;

    /**
     * @param allowedHosts {@code FAZT_AUTH_OIDC_ALLOW_HOSTS}: host names a provider may be at even on a loopback or
     *     private address (a provider on the LAN; the tests' provider on localhost)
     */
    NimbusIdentityProviders(@Nullable @Property(name = "auth.oidc-allowed-hosts") List<String> allowedHosts) {
        this.allowedHosts = allowedHosts == null
                ? Set.of()
                : allowedHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** A discovered issuer, its JWKS (cached and refreshed by Nimbus) and the validators per client id. */
    private record Issuer(
            OIDCProviderMetadata metadata,
            JWKSource<SecurityContext> keys,
            long fetchedAtNanos,
            Map<String, IDTokenValidator> validators) {}

    @Override
    public URI authorizationUri(
            ProviderConfig provider, URI redirectUri, String state, String nonce, String codeVerifier) {
        ClientID client = new ClientID(provider.clientId());
        if (provider.kind() == ProviderKind.GITHUB) {
            return new AuthorizationRequest.Builder(new ResponseType(ResponseType.Value.CODE), client)
                    .endpointURI(GITHUB_AUTHORIZE)
                    .redirectionURI(redirectUri)
                    .scope(new Scope("read:user", "user:email"))
                    .state(new State(state))
                    .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
                    .build()
                    .toURI();
        }
        OIDCProviderMetadata metadata = issuer(provider.discoveryUrl()).metadata();
        return new AuthenticationRequest.Builder(
                        new ResponseType(ResponseType.Value.CODE),
                        new Scope("openid", "email", "profile"),
                        client,
                        redirectUri)
                .endpointURI(metadata.getAuthorizationEndpointURI())
                .state(new State(state))
                .nonce(new Nonce(nonce))
                .codeChallenge(new CodeVerifier(codeVerifier), CodeChallengeMethod.S256)
                .build()
                .toURI();
    }

    @Override
    public Identity exchange(
            ProviderConfig provider,
            String clientSecret,
            URI redirectUri,
            String code,
            String codeVerifier,
            String nonce) {
        AuthorizationCodeGrant grant =
                new AuthorizationCodeGrant(new AuthorizationCode(code), redirectUri, new CodeVerifier(codeVerifier));
        ClientID client = new ClientID(provider.clientId());
        Secret secret = new Secret(clientSecret);
        if (provider.kind() == ProviderKind.GITHUB) {
            return github(new TokenRequest(GITHUB_TOKEN, new ClientSecretPost(client, secret), grant));
        }
        Issuer issuer = issuer(provider.discoveryUrl());
        OIDCProviderMetadata metadata = issuer.metadata();
        List<ClientAuthenticationMethod> methods = metadata.getTokenEndpointAuthMethods();
        ClientAuthentication auth = methods != null
                        && !methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                        && methods.contains(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                ? new ClientSecretPost(client, secret)
                : new ClientSecretBasic(client, secret);
        // Only the ID token of the answer is used (the access token is not needed), so only it is parsed.
        HTTPResponse answer = send(new TokenRequest(metadata.getTokenEndpointURI(), auth, grant).toHTTPRequest());
        if (answer.getStatusCode() != 200) {
            try {
                throw refused(TokenErrorResponse.parse(answer));
            } catch (ParseException e) {
                throw new ProviderFailure(
                        Kind.UNREACHABLE, "The provider answered HTTP " + answer.getStatusCode() + ".");
            }
        }
        JWT idToken;
        try {
            Object raw = json(answer).get("id_token");
            if (!(raw instanceof String s)) {
                throw new ProviderFailure(Kind.ID_TOKEN, "The provider sent no ID token.");
            }
            idToken = JWTParser.parse(s);
        } catch (java.text.ParseException e) {
            throw new ProviderFailure(Kind.ID_TOKEN, "The ID token is not a JWT.");
        }
        IDTokenClaimsSet claims;
        try {
            claims = validator(issuer, provider.clientId()).validate(idToken, new Nonce(nonce));
        } catch (BadJOSEException | JOSEException e) {
            throw new ProviderFailure(Kind.ID_TOKEN, "The ID token is not valid: " + e.getMessage() + ".");
        }
        String email = claims.getStringClaim("email");
        Boolean verified = claims.getBooleanClaim("email_verified");
        return new Identity(
                claims.getSubject().getValue(),
                // Only an address the provider vouches for: without email_verified=true it could be anyone's.
                Boolean.TRUE.equals(verified) ? email : null,
                claims.getStringClaim("name"),
                claims.getStringClaim("picture"));
    }

    private Identity github(TokenRequest request) {
        HTTPRequest http = request.toHTTPRequest();
        http.setAccept("application/json");
        Map<String, Object> token = json(send(http));
        if (token.get("error") != null) {
            throw new ProviderFailure(
                    Kind.REFUSED, "GitHub refused the authorization code (" + token.get("error") + ").");
        }
        Object accessToken = token.get("access_token");
        if (!(accessToken instanceof String bearer)) {
            throw new ProviderFailure(Kind.UNREACHABLE, "GitHub's token answer has no access token.");
        }
        Map<String, Object> user = json(send(githubApi(GITHUB_USER, bearer)));
        Object id = user.get("id");
        if (id == null) {
            throw new ProviderFailure(Kind.UNREACHABLE, "GitHub's user answer has no id.");
        }
        String email = null;
        try {
            for (Object entry :
                    JSONArrayUtils.parse(send(githubApi(GITHUB_EMAILS, bearer)).getBody())) {
                if (entry instanceof Map<?, ?> e
                        && Boolean.TRUE.equals(e.get("primary"))
                        && Boolean.TRUE.equals(e.get("verified"))) {
                    email = String.valueOf(e.get("email"));
                }
            }
        } catch (java.text.ParseException e) {
            throw new ProviderFailure(Kind.UNREACHABLE, "GitHub's emails answer is not valid JSON.");
        }
        Object name = user.get("name") != null ? user.get("name") : user.get("login");
        return new Identity(
                String.valueOf(id),
                email,
                name == null ? null : String.valueOf(name),
                user.get("avatar_url") instanceof String s ? s : null);
    }

    private static HTTPRequest githubApi(URI uri, String bearer) {
        HTTPRequest http = new HTTPRequest(HTTPRequest.Method.GET, uri);
        http.setAuthorization("Bearer " + bearer);
        http.setAccept("application/vnd.github+json");
        http.setHeader("User-Agent", "fazt");
        return http;
    }

    private static Map<String, Object> json(HTTPResponse response) {
        if (response.getStatusCode() / 100 != 2) {
            throw new ProviderFailure(Kind.UNREACHABLE, "The provider answered HTTP " + response.getStatusCode() + ".");
        }
        try {
            return JSONObjectUtils.parse(response.getBody());
        } catch (java.text.ParseException e) {
            throw new ProviderFailure(Kind.UNREACHABLE, "The provider's answer is not JSON.");
        }
    }

    private HTTPResponse send(HTTPRequest request) {
        checkReachable(request.getURI());
        request.setConnectTimeout(CONNECT_MILLIS);
        request.setReadTimeout(READ_MILLIS);
        try {
            return request.send();
        } catch (IOException e) {
            throw new ProviderFailure(
                    Kind.UNREACHABLE, "The provider at " + request.getURI().getHost() + " could not be reached.");
        }
    }

    /**
     * Refuses a provider URL whose host is, or resolves to, an address {@code fetch} may not reach either (loopback,
     * private, link-local, metadata: {@link AddressPolicy}) unless {@code FAZT_AUTH_OIDC_ALLOW_HOSTS} lists it: a
     * discovery URL is configuration an app's deployer controls, and must not turn auth-svc into a probe of the
     * internal network. Every request to a provider is checked, the endpoints the discovery document names included.
     */
    private void checkReachable(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            throw new ProviderFailure(Kind.UNREACHABLE, "The provider URL " + uri + " names no host.");
        }
        String refusal = AddressPolicy.refusalOfHost(host, allowedHosts, InetAddress::getAllByName);
        if (refusal != null) {
            throw new ProviderFailure(
                    Kind.UNREACHABLE,
                    "The provider at " + host + " is refused: " + refusal
                            + " (FAZT_AUTH_OIDC_ALLOW_HOSTS lists hosts allowed on private addresses).");
        }
    }

    private static ProviderFailure refused(TokenErrorResponse error) {
        ErrorObject e = error.getErrorObject();
        String code = e == null || e.getCode() == null ? "error" : e.getCode();
        return new ProviderFailure(
                Kind.REFUSED,
                "The provider refused the authorization code (" + code
                        + (e != null && e.getDescription() != null ? ": " + e.getDescription() : "") + ").");
    }

    private Issuer issuer(String discoveryUrl) {
        Issuer known = issuers.get(discoveryUrl);
        if (known != null && System.nanoTime() - known.fetchedAtNanos() < METADATA_TTL.toNanos()) {
            return known;
        }
        OIDCProviderMetadata metadata;
        URL jwks;
        checkReachable(URI.create(discoveryUrl));
        try {
            metadata = OIDCProviderMetadata.parse(
                    retriever.retrieveResource(URI.create(discoveryUrl).toURL()).getContent());
            String issuer = metadata.getIssuer().getValue();
            if (!discoveryUrl.equals(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration")) {
                throw new ProviderFailure(
                        Kind.UNREACHABLE,
                        "The discovery document at " + discoveryUrl + " names another issuer (" + issuer + ").");
            }
            if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null) {
                throw new ProviderFailure(Kind.UNREACHABLE, "The discovery document lacks jwks_uri or token_endpoint.");
            }
            checkReachable(metadata.getJWKSetURI());
            checkReachable(metadata.getTokenEndpointURI());
            jwks = metadata.getJWKSetURI().toURL();
        } catch (IOException e) {
            throw new ProviderFailure(
                    Kind.UNREACHABLE, "The provider's discovery document at " + discoveryUrl + " could not be read.");
        } catch (ParseException | IllegalArgumentException e) {
            throw new ProviderFailure(
                    Kind.UNREACHABLE,
                    "The provider's discovery document at " + discoveryUrl + " is not valid: " + e.getMessage());
        }
        Issuer fresh = new Issuer(
                metadata,
                JWKSourceBuilder.create(jwks, retriever).build(),
                System.nanoTime(),
                new ConcurrentHashMap<>());
        issuers.put(discoveryUrl, fresh);
        return fresh;
    }

    private static IDTokenValidator validator(Issuer issuer, String clientId) {
        return issuer.validators().computeIfAbsent(clientId, id -> {
            Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
            List<JWSAlgorithm> offered = issuer.metadata().getIDTokenJWSAlgs();
            if (offered != null) {
                offered.stream().filter(ASYMMETRIC::contains).forEach(algorithms::add);
            }
            if (algorithms.isEmpty()) {
                algorithms.add(JWSAlgorithm.RS256);
            }
            return new IDTokenValidator(
                    issuer.metadata().getIssuer(),
                    new ClientID(id),
                    new JWSVerificationKeySelector<>(algorithms, issuer.keys()),
                    null);
        });
    }
}
