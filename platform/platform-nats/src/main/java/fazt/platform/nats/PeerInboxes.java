package fazt.platform.nats;

import fazt.proto.SubjectGrammar;
import io.nats.client.Connection;
import io.nats.client.NUID;

/**
 * The parts of a connection's inbox space that other services publish into (ADR 37): body streams
 * ({@code <inbox prefix>body.<unique>}) and invocation progress ({@code <inbox prefix>beat.<unique>}), apart from the
 * reply inboxes jnats makes ({@code <inbox prefix><nuid>.<n>}). Other services get publish rights on these two
 * spaces only ({@code NatsRoles}), so the answers to this connection's requests travel on {@code allow_responses}
 * alone, which nats-server then tracks and forgets per answer instead of per message it delivers.
 */
public final class PeerInboxes {
    private PeerInboxes() {}

    /** A new unique subject prefix for body streams this connection holds. */
    public static String bodyStreams(Connection nats) {
        return unique(nats, SubjectGrammar.INBOX_BODY);
    }

    /** A new unique subject prefix for progress inboxes of invocations this connection makes. */
    public static String progress(Connection nats) {
        return unique(nats, SubjectGrammar.INBOX_PROGRESS);
    }

    private static String unique(Connection nats, String kind) {
        return nats.getOptions().getInboxPrefix() + kind + "." + NUID.nextGlobal();
    }
}
