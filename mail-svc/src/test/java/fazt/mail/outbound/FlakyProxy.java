package fazt.mail.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy in front of a relay that drops every {@code n}-th connection at once (the client sees the connection
 * close before the greeting): a relay that refuses one in n.
 */
final class FlakyProxy implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger dropped = new AtomicInteger();

    FlakyProxy(int targetPort, int everyNth) throws IOException {
        server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                if (connections.incrementAndGet() % everyNth == 0) {
                    dropped.incrementAndGet();
                    close(client);
                    continue;
                }
                Thread.ofVirtual().start(() -> relay(client, targetPort));
            }
        });
    }

    int port() {
        return server.getLocalPort();
    }

    int dropped() {
        return dropped.get();
    }

    private static void relay(Socket client, int targetPort) {
        try (client;
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort)) {
            Thread back = Thread.ofVirtual().start(() -> pump(target, client));
            pump(client, target);
            back.join();
        } catch (IOException | InterruptedException e) {
            // the test sees the outcome through the relay
        }
    }

    private static void pump(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
            to.shutdownOutput();
        } catch (IOException e) {
            close(to);
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
