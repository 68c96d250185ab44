package fazt.proto.mail;

import java.time.Instant;
import java.util.List;

/**
 * One outbound message: its {@code id}, {@code appId} (null: an admin sent it), {@code messageId} header,
 * {@code from}, the envelope {@code recipients}, {@code subject}, {@code size} in bytes, {@code status}
 * ({@code queued}, {@code sending}, {@code retrying}, {@code sent}, {@code failed}), {@code attempts}, the relay's
 * last {@code answer} (e.g. {@code 250 2.0.0 Ok: queued as 4Bc...} or {@code 550 5.1.1 no such user}), when it was
 * queued, the next attempt (null unless retrying) and when it ended.
 */
public record OutboundView(
        String id,
        String appId,
        String messageId,
        String from,
        List<String> recipients,
        String subject,
        long size,
        String status,
        int attempts,
        String answer,
        Instant queuedAt,
        Instant nextAttemptAt,
        Instant finishedAt) {}
