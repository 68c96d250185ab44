package fazt.mail.inbound;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * Admits SMTP sessions within the connection limits, in all and per client address ({@code 421 4.7.0} beyond), and
 * keeps each open session's counters: commands since its last accepted message, and refusals.
 */
final class SessionGate implements SessionHandler {
    /** One session's counters. */
    static final class Counters {
        final AtomicInteger commands = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
    }

    private final SmtpLimits limits;
    private final AtomicInteger open = new AtomicInteger();
    private final ConcurrentMap<InetAddress, Integer> perClient = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Counters> sessions = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, Boolean> admitted = new ConcurrentHashMap<>();

    SessionGate(SmtpLimits limits) {
        this.limits = limits;
    }

    @Override
    public SessionAcceptance accept(Session session) {
        if (open.incrementAndGet() > limits.maxConnections()) {
            open.decrementAndGet();
            return SessionAcceptance.failure(421, "4.7.0 Too many connections, try again later");
        }
        InetAddress client = session.getSocket().getInetAddress();
        boolean[] refused = {false};
        perClient.compute(client, (k, v) -> {
            int now = v == null ? 0 : v;
            if (now >= limits.maxConnectionsPerClient()) {
                refused[0] = true;
                return v;
            }
            return now + 1;
        });
        if (refused[0]) {
            open.decrementAndGet();
            return SessionAcceptance.failure(421, "4.7.0 Too many connections from your address, try again later");
        }
        admitted.put(session.getSessionId(), Boolean.TRUE);
        sessions.put(session.getSessionId(), new Counters());
        return SessionAcceptance.success();
    }

    @Override
    public void onSessionEnd(Session session) {
        if (admitted.remove(session.getSessionId()) == null) {
            return;
        }
        sessions.remove(session.getSessionId());
        open.decrementAndGet();
        perClient.computeIfPresent(session.getSocket().getInetAddress(), (k, v) -> v <= 1 ? null : v - 1);
    }

    /** The counters of an open session (fresh ones for a session this gate did not admit). */
    Counters counters(String sessionId) {
        Counters c = sessions.get(sessionId);
        return c == null ? new Counters() : c;
    }

    int open() {
        return open.get();
    }
}
