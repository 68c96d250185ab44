package fazt.proto.mail;

import java.time.Instant;

/**
 * The configured relay ({@code configured} false: none yet, outbound mail waits in the queue): {@code host},
 * {@code port}, {@code tls}, {@code username}, whether a password is stored ({@code passwordSet}, never the password),
 * and when it was changed.
 */
public record RelayView(
        boolean configured,
        String host,
        Integer port,
        String tls,
        String username,
        boolean passwordSet,
        Instant updatedAt) {}
