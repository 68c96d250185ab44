package fazt.platform.service;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.ServiceContract;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The platform alone, as a service with no beans of its own: it already keeps the whole {@link ServiceContract}.
 * Also checks what happens on stop.
 */
class PlatformServiceIT implements ServiceContract {
    /** A service definition with no module of its own on the classpath: only platform beans run. */
    static final ServiceDefinition BARE = () -> ServiceName.MAIL;

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(BARE, () -> ServiceName.SCHEDULER);

    @Override
    public TestSuite suite() {
        return suite;
    }

    @Override
    public ServiceName service() {
        return ServiceName.MAIL;
    }

    @Override
    public boolean backsUpItsSchema() {
        return false; // a bare definition: the platform alone, without mail-svc's beans
    }

    @Test
    void stoppingAServiceRecordsACleanStopAndLeavesTheOthersRunning() throws Exception {
        suite.stop(ServiceName.SCHEDULER);
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT count(*) FROM scheduler.instance WHERE stopped_at IS NOT NULL");
            r.next();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
        assertThat(suite.service(ServiceName.MAIL).context().isRunning()).isTrue();
    }
}
