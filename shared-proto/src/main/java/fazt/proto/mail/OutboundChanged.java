package fazt.proto.mail;

import fazt.proto.MessageType;
import java.time.Instant;

/**
 * Outbound message {@code outboundId} of {@code appId} (null: sent by an admin) reached {@code status}
 * ({@code sent} or {@code failed}) after {@code attempts}; {@code answer} is the relay's last reply.
 */
@MessageType("mail.outbound_changed.v1")
public record OutboundChanged(
        String eventId, String outboundId, String appId, String status, int attempts, String answer, Instant at) {}
