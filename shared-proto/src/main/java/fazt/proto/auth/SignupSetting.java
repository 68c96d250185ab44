package fazt.proto.auth;

/** Whether public signup is on: the answer of {@code GET|PUT /api/settings/signup} and the body of the {@code PUT}. */
public record SignupSetting(boolean enabled) {}
