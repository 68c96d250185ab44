package fazt.scheduler;

import fazt.platform.service.testing.ServiceContract;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import org.junit.jupiter.api.extension.RegisterExtension;

class SchedulerServiceIT implements ServiceContract {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new SchedulerService());

    @Override
    public TestSuite suite() {
        return suite;
    }

    @Override
    public ServiceName service() {
        return ServiceName.SCHEDULER;
    }
}
