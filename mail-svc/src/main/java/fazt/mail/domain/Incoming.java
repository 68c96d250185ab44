package fazt.mail.domain;

import fazt.proto.mail.AuthResults;
import java.util.List;

/**
 * A message accepted at {@code DATA}, to be stored in one transaction before {@code 250}: the envelope, the raw bytes,
 * what parsing found, how it authenticated, and one delivery per distinct mailbox ({@code pending} for an app with
 * server code, whose {@code email} handler must run).
 */
public record Incoming(
        String messageId,
        String mailFrom,
        String helo,
        String clientIp,
        byte[] raw,
        ParsedMessage parsed,
        AuthResults auth,
        boolean spam,
        List<Delivery> deliveries) {
    public record Delivery(String entryId, Target target, String recipient, boolean pending) {}
}
