package fazt.proto.auth;

import java.util.List;

/**
 * Who may log in to an app: the e-mail addresses and the domains of them allowed (both empty: anyone a provider
 * vouches for). The answer of {@code GET|PUT /api/apps/{name}/auth/access} and the body of the {@code PUT}.
 */
public record LoginAccess(List<String> emails, List<String> domains) {}
