package fazt.gateway.invoke;

import fazt.platform.nats.PeerInboxes;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The progress inboxes of this gateway's invocations ({@code <prefix>.<n>} under {@link PeerInboxes#progress}): one
 * wildcard subscription, made and flushed when the gateway starts, hands every heartbeat to the invocation its
 * subject names. An invocation so costs no subscription of its own (a SUB and an UNSUB per request, each a
 * permission check and a change of the server's subject tree, before ADR 37). A beat for an invocation that is over
 * is dropped.
 */
final class ProgressInbox implements AutoCloseable {
    private static final Duration FLUSH = Duration.ofSeconds(5);

    private final Connection nats;
    private final String prefix;
    private final Dispatcher dispatcher;
    private final Map<String, Consumer<Message>> listeners = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    ProgressInbox(Connection nats) {
        this.nats = nats;
        this.prefix = PeerInboxes.progress(nats) + ".";
        this.dispatcher = nats.createDispatcher(this::deliver);
        dispatcher.subscribe(prefix + "*");
        try {
            nats.flush(FLUSH); // the server knows the interest before the first invocation names an inbox
        } catch (Exception e) {
            // not connected right now: the subscription is sent on reconnect
        }
    }

    /** A new progress inbox whose beats go to {@code onBeat} until the result is closed. */
    Listening listen(Consumer<Message> onBeat) {
        String subject = prefix + next.incrementAndGet();
        listeners.put(subject, onBeat);
        return new Listening(subject);
    }

    private void deliver(Message beat) {
        Consumer<Message> listener = listeners.get(beat.getSubject());
        if (listener != null) {
            listener.accept(beat);
        }
    }

    @Override
    public void close() {
        try {
            nats.closeDispatcher(dispatcher);
        } catch (IllegalStateException e) {
            // connection already closed
        }
    }

    /** One invocation's progress inbox. */
    final class Listening implements AutoCloseable {
        private final String subject;

        private Listening(String subject) {
            this.subject = subject;
        }

        /** The subject to name in {@code Fazt-Progress}. */
        String subject() {
            return subject;
        }

        @Override
        public void close() {
            listeners.remove(subject);
        }
    }
}
