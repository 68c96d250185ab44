package fazt.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Slowloris clients: many connections, each from one of several loopback addresses, that send the start of a request
 * head and then one more header byte per {@link #trickle()}, never finishing it. One thread drives them all through
 * a selector and notes when the gateway closes each one (an end of stream or a reset) and whether it answered first.
 */
final class SlowSenders implements AutoCloseable {
    private final Selector selector;
    private final List<Slow> all = new ArrayList<>();

    /** One slow connection: when its first byte went out, when the gateway closed it, and what it said first. */
    static final class Slow {
        final SocketChannel channel;
        final long firstByteNanos;
        long closedNanos = -1;
        final StringBuilder answer = new StringBuilder();

        Slow(SocketChannel channel, long firstByteNanos) {
            this.channel = channel;
            this.firstByteNanos = firstByteNanos;
        }

        boolean closed() {
            return closedNanos >= 0;
        }

        long millisToClose() {
            return (closedNanos - firstByteNanos) / 1_000_000;
        }
    }

    private SlowSenders(Selector selector) {
        this.selector = selector;
    }

    /** {@code perAddress} connections from each of {@code addresses}, each having sent {@code start}. */
    static SlowSenders open(int port, List<InetAddress> addresses, int perAddress, String start) throws IOException {
        SlowSenders senders = new SlowSenders(Selector.open());
        try {
            byte[] bytes = start.getBytes(StandardCharsets.ISO_8859_1);
            for (int i = 0; i < perAddress; i++) {
                for (InetAddress address : addresses) {
                    SocketChannel channel = SocketChannel.open();
                    channel.bind(new InetSocketAddress(address, 0));
                    channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    channel.configureBlocking(false);
                    channel.write(ByteBuffer.wrap(bytes));
                    Slow slow = new Slow(channel, System.nanoTime());
                    channel.register(senders.selector, SelectionKey.OP_READ, slow);
                    senders.all.add(slow);
                }
            }
            return senders;
        } catch (IOException | RuntimeException e) {
            senders.close();
            throw e;
        }
    }

    List<Slow> all() {
        return all;
    }

    long open() {
        return all.stream().filter(s -> !s.closed()).count();
    }

    /** One more header byte on every connection still open; a write the gateway refuses counts as a close. */
    void trickle() {
        for (Slow slow : all) {
            if (slow.closed()) {
                continue;
            }
            try {
                slow.channel.write(ByteBuffer.wrap(new byte[] {'a'}));
            } catch (IOException e) {
                closed(slow);
            }
        }
    }

    /** Reads what the gateway sends for up to {@code millis}, noting closes. */
    void await(long millis) throws IOException {
        long deadline = System.nanoTime() + millis * 1_000_000;
        ByteBuffer buffer = ByteBuffer.allocate(4096);
        for (long left = millis; left > 0; left = (deadline - System.nanoTime()) / 1_000_000) {
            if (selector.select(left) == 0) {
                continue;
            }
            for (SelectionKey key : selector.selectedKeys()) {
                Slow slow = (Slow) key.attachment();
                buffer.clear();
                int read;
                try {
                    read = slow.channel.read(buffer);
                } catch (IOException e) {
                    read = -1;
                }
                if (read < 0) {
                    key.cancel();
                    closed(slow);
                } else if (slow.answer.length() < 200) {
                    slow.answer.append(new String(buffer.array(), 0, read, StandardCharsets.ISO_8859_1));
                }
            }
            selector.selectedKeys().clear();
        }
    }

    private static void closed(Slow slow) {
        if (!slow.closed()) {
            slow.closedNanos = System.nanoTime();
        }
    }

    @Override
    public void close() throws IOException {
        for (Slow slow : all) {
            slow.channel.close();
        }
        selector.close();
    }
}
