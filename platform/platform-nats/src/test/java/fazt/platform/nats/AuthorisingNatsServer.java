package fazt.platform.nats;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import io.nats.client.NKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A nats-server of the test's own (Debian's {@code /usr/sbin/nats-server}, on a free loopback port, JetStream in a
 * temporary directory) running the configuration {@code fazt-server provision} writes for {@link #root()}, with the
 * seeds in {@link #credentials()}; plus a second account, of another installation, whose one user may do anything
 * in it ({@link #otherSeed()}).
 */
final class AuthorisingNatsServer implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nats-server");

    private final Path dir;
    private final SubjectRoot root;
    private final Process process;
    private final int port;
    private final char[] otherSeed;

    private AuthorisingNatsServer(Path dir, SubjectRoot root, Process process, int port, char[] otherSeed) {
        this.dir = dir;
        this.root = root;
        this.process = process;
        this.port = port;
        this.otherSeed = otherSeed;
    }

    static AuthorisingNatsServer start(SubjectRoot root) throws Exception {
        Path dir = Files.createTempDirectory("fazt-nats-auth");
        Map<ServiceName, String> keys = NatsCredentials.provision(dir.resolve("credentials"), false);
        NKey other = NKey.createUser(new SecureRandom());
        String config = NatsServerConfig.render(root, keys)
                .replace(
                        "accounts {\n",
                        "accounts {\n  \"other\": {\n    jetstream: enabled\n    users: [ { nkey: \""
                                + new String(other.getPublicKey()) + "\" } ]\n  }\n");
        Path file = dir.resolve("nats-server.conf");
        Files.writeString(file, config);
        int port = freePort();
        Process process = new ProcessBuilder(
                        BINARY.toString(),
                        "-c",
                        file.toString(),
                        "-a",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-sd",
                        dir.resolve("jetstream").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nats-server.log").toFile())
                .start();
        AuthorisingNatsServer server = new AuthorisingNatsServer(dir, root, process, port, other.getSeed());
        server.awaitListening();
        return server;
    }

    SubjectRoot root() {
        return root;
    }

    String url() {
        return "nats://127.0.0.1:" + port;
    }

    Path credentials() {
        return dir.resolve("credentials");
    }

    /** The identity {@code service} connects with: its inbox prefix and its provisioned seed. */
    NatsIdentity identity(ServiceName service) throws IOException {
        return NatsIdentity.of(root, service).withSeedFile(credentials().resolve(NatsCredentials.fileName(service)));
    }

    char[] otherSeed() {
        return otherSeed.clone();
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("nats-server.log"));
    }

    private void awaitListening() throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("nats-server stopped: " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("nats-server does not listen: " + log(), e);
                }
                Thread.sleep(50);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
