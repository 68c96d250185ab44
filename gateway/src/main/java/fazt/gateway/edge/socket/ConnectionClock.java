package fazt.gateway.edge.socket;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

/**
 * Where one connection stands and since when, for the deadlines of {@link ConnectionGuard} (ADR 19). Touched only on
 * the connection's event loop: by the guard (bytes in, reads asked for), by the intake (a request head, its last body
 * byte) and by the response order (a response started, a response done).
 */
public final class ConnectionClock {
    private static final AttributeKey<ConnectionClock> KEY = AttributeKey.valueOf("fazt.edge.clock");

    /** Waiting for a request (IDLE), reading its head (HEAD) or its body (BODY), or the server's turn (SERVING). */
    enum Phase {
        IDLE,
        HEAD,
        BODY,
        SERVING
    }

    Phase phase = Phase.IDLE;
    long since;
    /** Requests whose head was read and whose response is not written yet. */
    int inFlight;
    /** A response to the request in flight has started, so nothing else may be written before it ends. */
    boolean responding;
    /** Whether a request was ever answered on this connection (then IDLE is a kept-alive connection). */
    boolean served;
    /** Bytes of a pipelined head arrived while the server was busy: when, else 0. */
    long headPendingSince;

    long bodyBytes;
    /** Time spent waiting for body bytes the edge had asked for, and since when it waits now (0: not waiting). */
    long bodyWaitNanos;

    long waitingSince;

    static ConnectionClock install(Channel channel, long now) {
        ConnectionClock clock = new ConnectionClock();
        clock.since = now;
        channel.attr(KEY).set(clock);
        return clock;
    }

    /** The clock of {@code channel}, or null on a channel the guard does not watch (tests). */
    public static ConnectionClock of(Channel channel) {
        return channel.attr(KEY).get();
    }

    /** A request head was read; {@code body}: whether a body follows. */
    public void headRead(boolean body) {
        long now = System.nanoTime();
        inFlight++;
        headPendingSince = 0;
        if (body) {
            phase = Phase.BODY;
            since = now;
            bodyBytes = 0;
            bodyWaitNanos = 0;
            waitingSince = 0;
        } else {
            phase = Phase.SERVING;
        }
    }

    /** Requests read before the one whose head was read last and not answered yet (pipelining). */
    public int othersInFlight() {
        return Math.max(0, inFlight - 1);
    }

    /** The last byte of the request body was read. */
    public void bodyRead() {
        if (phase == Phase.BODY) {
            phase = Phase.SERVING;
            waitingSince = 0;
        }
    }

    /** The first part of a final response is being written. */
    public void responseStarted() {
        responding = true;
    }

    /** A final response was written whole. */
    public void responseDone() {
        responding = false;
        served = true;
        if (inFlight > 0) {
            inFlight--;
        }
        if (inFlight == 0 && phase == Phase.SERVING) {
            long now = System.nanoTime();
            phase = headPendingSince != 0 ? Phase.HEAD : Phase.IDLE;
            since = headPendingSince != 0 ? headPendingSince : now;
            headPendingSince = 0;
        }
    }

    void bytesArrived(long count, long now) {
        switch (phase) {
            case IDLE -> {
                phase = Phase.HEAD;
                since = now;
            }
            case BODY -> {
                bodyBytes += count;
                if (waitingSince != 0) {
                    bodyWaitNanos += now - waitingSince;
                    waitingSince = 0;
                }
            }
            case SERVING -> {
                if (headPendingSince == 0) {
                    headPendingSince = now;
                }
            }
            case HEAD -> {}
        }
    }

    void readRequested(long now) {
        if (phase == Phase.BODY && waitingSince == 0) {
            waitingSince = now;
        }
    }
}
