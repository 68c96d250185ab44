package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.test.TestNats;
import fazt.proto.SubjectRoot;
import io.nats.client.Connection;
import io.nats.client.api.StreamConfiguration;
import org.junit.jupiter.api.Test;

class RootStreamsIT {
    @Test
    void deletesTheStreamsOfItsRootOnlyNotThoseOfARootThatSharesItsPrefix() throws Exception {
        try (TestNats nats = TestNats.fresh();
                Connection c = nats.connect()) {
            SubjectRoot root = nats.root();
            SubjectRoot longer = new SubjectRoot(root.value() + "_staging");
            String mine = root.value().toUpperCase().replace('-', '_') + "_LOG_APP";
            String theirs = longer.value().toUpperCase().replace('-', '_') + "_LOG_APP";
            var jsm = c.jetStreamManagement();
            jsm.addStream(StreamConfiguration.builder()
                    .name(mine)
                    .subjects(root.value() + ".log.app.>")
                    .build());
            jsm.addStream(StreamConfiguration.builder()
                    .name(theirs)
                    .subjects(longer.value() + ".log.app.>")
                    .build());
            try {
                assertThat(RootStreams.deleteAll(c, root)).containsExactly(mine);
                assertThat(jsm.getStreamNames()).doesNotContain(mine).contains(theirs);
            } finally {
                jsm.deleteStream(theirs);
            }
        }
    }
}
