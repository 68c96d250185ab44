package fazt.proto;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The members of a fazt suite. The lower-case {@link #id()} is the service's token in subjects
 * ({@code <root>.svc.<id>.…}), its NATS queue group, its ADR-32 service name and its PostgreSQL schema.
 */
public enum ServiceName {
    GATEWAY("gateway"),
    AUTH("auth"),
    DEPLOY("deploy"),
    STORAGE("storage"),
    RUNTIME("runtime"),
    SCHEDULER("scheduler"),
    MAIL("mail");

    private final String id;

    ServiceName(String id) {
        this.id = id;
    }

    /** The service's token: {@code deploy}, {@code storage}, … */
    public String id() {
        return id;
    }

    /** The queue group every instance of this service joins, so N copies share the requests. */
    public String queueGroup() {
        return id;
    }

    /** Finds a service by its id, ignoring case; empty for anything else. */
    public static Optional<ServiceName> fromId(String id) {
        String wanted = id == null ? "" : id.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return id;
    }
}
