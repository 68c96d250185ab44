package fazt.mail;

import fazt.platform.service.testing.ServiceContract;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import org.junit.jupiter.api.extension.RegisterExtension;

class MailServiceIT implements ServiceContract {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new MailService());

    @Override
    public TestSuite suite() {
        return suite;
    }

    @Override
    public ServiceName service() {
        return ServiceName.MAIL;
    }
}
