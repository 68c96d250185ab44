package fazt.mail.inbound;

/**
 * The SMTP listener's limits ({@code FAZT_SMTP_*}): message size (announced as {@code SIZE}), recipients per message,
 * connections in all and per client address, commands before a message is accepted, refusals per session, the idle
 * timeout of a command (a socket read), the time a whole {@code DATA} may take, and how many messages are received
 * (held in memory) at once.
 */
public record SmtpLimits(
        int maxMessageBytes,
        int maxRecipients,
        int maxConnections,
        int maxConnectionsPerClient,
        int maxCommands,
        int maxErrors,
        int idleTimeoutMillis,
        int dataTimeoutMillis,
        int maxConcurrentMessages) {
    public static final long DEFAULT_MAX_MESSAGE_BYTES = 25L << 20;
    public static final int DEFAULT_MAX_RECIPIENTS = 100;
    public static final int DEFAULT_MAX_CONNECTIONS = 200;
    public static final int DEFAULT_MAX_CONNECTIONS_PER_CLIENT = 50;
    public static final int DEFAULT_MAX_COMMANDS = 200;
    public static final int DEFAULT_MAX_ERRORS = 20;
    public static final long DEFAULT_IDLE_TIMEOUT_MILLIS = 300_000;
    public static final long DEFAULT_DATA_TIMEOUT_MILLIS = 600_000;
    public static final int DEFAULT_MAX_CONCURRENT_MESSAGES = 4;
}
