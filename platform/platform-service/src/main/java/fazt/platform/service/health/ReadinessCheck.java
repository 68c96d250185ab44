package fazt.platform.service.health;

import java.util.Optional;

/** One thing a service needs to be ready (NATS, its database, …). Implementations are beans. */
public interface ReadinessCheck {
    /** Short name shown in health reports: {@code nats}, {@code database}. */
    String name();

    /** Empty when ready; otherwise a few words on what is wrong (no secrets, no stack traces). */
    Optional<String> problem();
}
