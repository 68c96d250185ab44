package fazt.deploy.domain;

import java.util.List;
import java.util.Map;

/**
 * An app version's {@code fazt.json}: the preferred {@code name}, the {@code spa} entry served for unknown paths (null
 * for a plain site), extra response {@code headers} per path pattern, {@code redirects}, in manifest order, and
 * the {@code env} var names the app's server code needs (a deploy lists those not set yet, and still succeeds).
 */
public record Manifest(String name, String spa, List<HeaderRule> headers, List<Redirect> redirects, List<String> env) {
    public static final Manifest EMPTY = new Manifest(null, null, List.of(), List.of(), List.of());

    public Manifest {
        headers = headers == null ? List.of() : List.copyOf(headers);
        redirects = redirects == null ? List.of() : List.copyOf(redirects);
        env = env == null ? List.of() : List.copyOf(env);
    }

    /** Headers for paths matching {@code path}: a glob where {@code *} stays within a segment and {@code **} does not. */
    public record HeaderRule(String path, Map<String, String> headers) {}

    /** A redirect of {@code from} (exact, or a prefix ending in {@code *}) to {@code to} with a 301/302/307/308. */
    public record Redirect(String from, String to, int status) {}
}
