package fazt.server;

import fazt.platform.nats.RootStreams;
import fazt.platform.service.BootstrapSettings;
import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code fazt-server drop-streams}: deletes the JetStream streams (events, work queue, app logs, invocation records)
 * of the installation named by {@code FAZT_SUBJECT_ROOT} on {@code NATS_URL}, for an uninstall or a throw-away
 * installation (the benchmark's). The suite must be stopped; PostgreSQL is not touched.
 */
final class DropStreams {
    private DropStreams() {}

    static void run(Map<String, String> env) throws Exception {
        SubjectRoot root = BootstrapSettings.rootOf(env);
        Options options = new Options.Builder()
                .servers(BootstrapSettings.natsUrlOf(env).split(","))
                .connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(0)
                .build();
        try (Connection nats = Nats.connect(options)) {
            List<String> dropped = RootStreams.deleteAll(nats, root);
            System.out.println("dropped " + dropped.size() + " stream(s) of subject root " + root.value()
                    + (dropped.isEmpty() ? "" : ": " + String.join(", ", dropped)));
        }
    }
}
