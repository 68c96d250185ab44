package fazt.gateway.edge.intake;

import fazt.proto.scheduler.SchedulerSubjects;

/**
 * How the body of a request on a route is read (ADR 19): {@code NONE} reads a small body off and drops it,
 * {@code BUFFER} keeps it in memory up to {@code limit}, {@code FUNCTION} streams it to the app's function as it asks,
 * {@code ADMIN} authenticates the caller before reading a byte, then keeps it inline or streams it into storage.
 */
public record BodyPolicy(Mode mode, long limit) {
    public enum Mode {
        NONE,
        BUFFER,
        FUNCTION,
        ADMIN
    }

    /** What a route without a body still accepts, read and dropped, so a posted form gets its 405 on a live connection. */
    public static final int DROPPED_BODY = 8 * 1024;
    /** Login, signup, setup and app login bodies: a username, a password, a few fields. */
    public static final int SMALL_BODY = 16 * 1024;

    /** The policy of {@code route} for a request that does ({@code hasBody}) or does not carry a body. */
    public static BodyPolicy of(Route route, boolean hasBody, long functionBodyLimit, long adminUploadLimit) {
        return switch (route) {
            case Route.AdminApi admin when admin.publicRoute() -> new BodyPolicy(Mode.BUFFER, SMALL_BODY);
            case Route.AdminApi admin ->
                hasBody ? new BodyPolicy(Mode.ADMIN, adminUploadLimit) : new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.AppPlatform platform ->
                switch (platform.kind()) {
                    case LOGIN -> new BodyPolicy(Mode.BUFFER, SMALL_BODY);
                    case ASYNC, HOOK -> new BodyPolicy(Mode.BUFFER, SchedulerSubjects.MAX_PAYLOAD);
                    case RUN_STATUS -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
                };
            case Route.AppFunction function -> new BodyPolicy(Mode.FUNCTION, functionBodyLimit);
            case Route.Health h -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.Setup s -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.AdminContract c -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.AppStatic s -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.NotFound n -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.AcmeChallenge c -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.HttpsRedirect r -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
            case Route.DomainChallenge c -> new BodyPolicy(Mode.NONE, DROPPED_BODY);
        };
    }
}
