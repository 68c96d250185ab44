package fazt.proto.admin;

import fazt.proto.auth.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Who may call an admin route, as its table declares it: {@code public} (no caller: login, signup, setup),
 * {@code caller} (anyone authenticated; the use case narrows further, e.g. to the caller's own tokens), or scopes
 * separated by {@code |}, any one of which suffices, with path parameters filled in ({@code read|deploy:{name}}).
 * {@code admin} allows everything ({@link Principal#allows}).
 */
public record ScopeRule(String text, List<String> anyOf) {
    public static final String PUBLIC = "public";
    public static final String CALLER = "caller";

    public ScopeRule {
        anyOf = List.copyOf(anyOf);
    }

    public static ScopeRule parse(String text) {
        if (text.equals(PUBLIC) || text.equals(CALLER)) {
            return new ScopeRule(text, List.of());
        }
        List<String> scopes =
                Arrays.stream(text.split("\\|")).map(String::strip).toList();
        for (String scope : scopes) {
            if (!scope.matches("[a-z]+(:(\\*|\\{[a-zA-Z][a-zA-Z0-9]*}))?")) {
                throw new IllegalArgumentException("bad scope " + scope + " in " + text);
            }
        }
        return new ScopeRule(text, scopes);
    }

    /** Whether the route needs no caller at all. */
    public boolean isPublic() {
        return text.equals(PUBLIC);
    }

    /** The scopes of the rule with {@code params} filled in; empty for public and caller. */
    public List<String> scopes(Map<String, String> params) {
        return anyOf.stream().map(s -> fill(s, params)).toList();
    }

    /** Whether {@code who} may call with these parameters (a null caller only on a public route). */
    public boolean allows(Principal who, Map<String, String> params) {
        if (isPublic()) {
            return true;
        }
        if (who == null) {
            return false;
        }
        return anyOf.isEmpty() || scopes(params).stream().anyMatch(who::allows);
    }

    private static String fill(String scope, Map<String, String> params) {
        int open = scope.indexOf('{');
        if (open < 0) {
            return scope;
        }
        String name = scope.substring(open + 1, scope.length() - 1);
        return scope.substring(0, open) + params.get(name);
    }

    @Override
    public String toString() {
        return text;
    }
}
