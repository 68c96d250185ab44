package fazt.auth.domain;

import fazt.proto.auth.AdminSession;
import fazt.proto.auth.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a bearer secret to its principal: the bootstrap admin token, a dashboard session secret
 * ({@code fzs_…}), or an API token string ({@code fazt_<url>_<secret>}). A token's scopes are cut to what its
 * user's role allows today, so demoting a user demotes their tokens. Use is recorded at most once a minute.
 */
public final class VerifyToken {
    /** The principal of the bootstrap token. */
    public static final Principal BOOTSTRAP_ADMIN =
            new Principal("bootstrap", "bootstrap admin", List.of(Principal.ADMIN), "bootstrap");

    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final BootstrapAdmin bootstrap;
    private final Sessions sessions;
    private final ApiTokens tokens;
    private final AuthPolicy policy;

    public VerifyToken(BootstrapAdmin bootstrap, Sessions sessions, ApiTokens tokens, AuthPolicy policy) {
        this.bootstrap = bootstrap;
        this.sessions = sessions;
        this.tokens = tokens;
        this.policy = policy;
    }

    public Optional<Principal> verify(String token) {
        if (token == null || token.isEmpty() || token.length() > TokenString.MAX_LENGTH) {
            return Optional.empty();
        }
        if (bootstrap.matches(token)) {
            return Optional.of(BOOTSTRAP_ADMIN);
        }
        Instant now = Instant.now();
        if (token.startsWith(AdminSession.SECRET_PREFIX)) {
            return sessions.findLive(Secret.hash(token), policy.sessionIdle()).map(live -> {
                if (live.lastSeenAt().isBefore(now.minus(TOUCH_EVERY))) {
                    sessions.touch(live.id(), now);
                }
                return live.user().principal(live.user().role().scopes(), live.id());
            });
        }
        return TokenString.parse(token)
                .flatMap(parsed -> tokens.findUsable(Secret.hash(parsed.secret())))
                .map(usable -> {
                    ApiToken t = usable.token();
                    if (t.lastUsedAt() == null || t.lastUsedAt().isBefore(now.minus(TOUCH_EVERY))) {
                        tokens.touch(t.id(), now);
                    }
                    if (usable.user() == null) {
                        return new Principal(
                                BOOTSTRAP_ADMIN.subject(),
                                BOOTSTRAP_ADMIN.name() + " (token " + t.name() + ")",
                                t.scopes(),
                                t.id());
                    }
                    Principal role =
                            usable.user().principal(usable.user().role().scopes(), null);
                    List<String> scopes =
                            t.scopes().stream().filter(role::allows).toList();
                    return usable.user().principal(scopes, t.id());
                });
    }
}
