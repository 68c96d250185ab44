package fazt.platform.test;

import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamInfo;
import java.util.Locale;
import java.util.UUID;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * NATS with JetStream for one test run, under a subject root of its own ({@code t<random>}), so runs sharing a
 * server never see each other's messages. With Docker: a Testcontainers {@code nats -js} shared by the JVM.
 * Without: the local server ({@code FAZT_TEST_NATS_URL}, default {@code nats://127.0.0.1:4222}).
 * {@link #close()} deletes the JetStream streams of the root.
 */
public final class TestNats implements AutoCloseable {
    private static GenericContainer<?> container;

    private final String url;
    private final SubjectRoot root;

    private TestNats(String url, SubjectRoot root) {
        this.url = url;
        this.root = root;
    }

    public static TestNats fresh() {
        String url;
        if (DockerEngine.available()) {
            GenericContainer<?> nats = shared();
            url = "nats://" + nats.getHost() + ":" + nats.getMappedPort(4222);
        } else {
            String configured = System.getenv("FAZT_TEST_NATS_URL");
            url = configured == null || configured.isBlank() ? "nats://127.0.0.1:4222" : configured;
        }
        return new TestNats(
                url,
                new SubjectRoot(
                        "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)));
    }

    private static synchronized GenericContainer<?> shared() {
        if (container == null) {
            container = new GenericContainer<>("nats:2.10-alpine")
                    .withCommand("-js")
                    .withExposedPorts(4222)
                    .waitingFor(Wait.forLogMessage(".*Server is ready.*", 1));
            container.start();
        }
        return container;
    }

    public String url() {
        return url;
    }

    public SubjectRoot root() {
        return root;
    }

    /** A plain connection for the test's own requests; the caller closes it. */
    public Connection connect() throws Exception {
        return Nats.connect(url);
    }

    @Override
    public void close() throws Exception {
        try (Connection nats = connect()) {
            JetStreamManagement jsm = nats.jetStreamManagement();
            String prefix = root.value().toUpperCase(Locale.ROOT).replace('-', '_') + "_";
            for (StreamInfo info : jsm.getStreams()) {
                if (info.getConfiguration().getName().startsWith(prefix)) {
                    jsm.deleteStream(info.getConfiguration().getName());
                }
            }
        }
    }
}
