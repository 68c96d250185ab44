package fazt.proto.auth;

/** An answer about one account: created, shown, disabled or enabled. */
public record UserAnswer(UserView user) {}
