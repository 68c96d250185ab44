package fazt.platform.nats;

import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JetStream streams of one installation: those named {@code <ROOT>_…} whose subjects all lie under
 * {@code <root>.}. Both conditions, because roots may contain {@code _}: the streams of {@code fazt_staging} start
 * with {@code FAZT_} too, but their subjects do not start with {@code fazt.}.
 */
public final class RootStreams {
    private RootStreams() {}

    /** The names of {@code root}'s streams. */
    public static List<String> of(Connection nats, SubjectRoot root) throws IOException, JetStreamApiException {
        String prefix = root.streamPrefix();
        String subjects = root.value() + ".";
        List<String> names = new ArrayList<>();
        for (StreamInfo info : nats.jetStreamManagement().getStreams()) {
            var config = info.getConfiguration();
            if (config.getName().startsWith(prefix)
                    && !config.getSubjects().isEmpty()
                    && config.getSubjects().stream().allMatch(s -> s.startsWith(subjects))) {
                names.add(config.getName());
            }
        }
        return names;
    }

    /** Deletes {@code root}'s streams with their messages; returns their names. */
    public static List<String> deleteAll(Connection nats, SubjectRoot root) throws IOException, JetStreamApiException {
        List<String> names = of(nats, root);
        JetStreamManagement jsm = nats.jetStreamManagement();
        for (String name : names) {
            jsm.deleteStream(name);
        }
        return names;
    }
}
