package fazt.proto.admin;

import fazt.proto.ServiceName;
import fazt.proto.SubjectGrammar;

/**
 * The admin API: the gateway takes {@code https://admin.<domain>/api/...}, resolves the caller with auth-svc, and
 * forwards an {@link AdminRequest} to {@code svc.<service>.admin} of the service that owns the path prefix
 * ({@link #ownerOf}); the service answers an {@link AdminResponse} or an ADR-32 problem. No service serves HTTP itself.
 */
public final class AdminSubjects {
    /** The action token of every service's admin endpoint. */
    public static final String ACTION = "admin";
    /** Largest request or response body carried inline; larger bodies travel as storage blobs. */
    public static final int MAX_INLINE_BODY = 256 * 1024;

    /** {@code apps/<name>/logs|metrics|requests}: what an app's code did, kept by runtime-svc. */
    private static final java.util.regex.Pattern RUNTIME_APP_PATH =
            java.util.regex.Pattern.compile("apps/[^/]+/(logs|metrics|requests)/?");

    /** {@code apps/<name>/auth/...}: who may log in to an app (OAuth/OIDC providers, allow-lists), kept by auth-svc. */
    private static final java.util.regex.Pattern AUTH_APP_PATH =
            java.util.regex.Pattern.compile("apps/[^/]+/auth(/.*)?");
    /** {@code apps/<name>/runs|schedules|hooks[/...]}: background work of an app, kept by scheduler-svc. */
    private static final java.util.regex.Pattern SCHEDULER_APP_PATH =
            java.util.regex.Pattern.compile("apps/[^/]+/(runs|schedules|hooks)(/.*)?");

    private AdminSubjects() {}

    /** {@code svc.<service>.admin}. */
    public static String of(ServiceName service) {
        return SubjectGrammar.request(service, ACTION);
    }

    /** The service owning an admin path ({@code /apps/...} → deploy), or null when no service owns it. */
    public static ServiceName ownerOf(String path) {
        String first = path.startsWith("/") ? path.substring(1) : path;
        int slash = first.indexOf('/');
        String prefix = slash < 0 ? first : first.substring(0, slash);
        if (prefix.equals("apps") && RUNTIME_APP_PATH.matcher(first).matches()) {
            return ServiceName.RUNTIME;
        }
        if (prefix.equals("apps") && AUTH_APP_PATH.matcher(first).matches()) {
            return ServiceName.AUTH;
        }
        if (prefix.equals("apps") && SCHEDULER_APP_PATH.matcher(first).matches()) {
            return ServiceName.SCHEDULER;
        }
        return switch (prefix) {
            case "apps" -> ServiceName.DEPLOY;
            case "auth", "users", "tokens", "settings", "me" -> ServiceName.AUTH;
            case "runs" -> ServiceName.SCHEDULER;
            default -> null;
        };
    }
}
