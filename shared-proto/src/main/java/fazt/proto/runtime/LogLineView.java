package fazt.proto.runtime;

import java.time.Instant;

/** One line of an app's log as the admin API shows it ({@link AppLogLine} without the app id). */
public record LogLineView(Instant at, String level, String message, String requestId, String instance) {}
