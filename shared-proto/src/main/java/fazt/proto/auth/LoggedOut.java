package fazt.proto.auth;

/** The answer of {@code POST /api/auth/logout?everywhere=true}: how many of the caller's sessions ended. */
public record LoggedOut(int sessionsEnded) {}
