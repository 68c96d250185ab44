package fazt.platform.service.testing;

import fazt.platform.nats.NatsRequester;
import io.nats.client.Connection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A test class's NATS connection to its {@link TestSuite}, with a typed requester on the suite's subject root. It
 * starts the suite before it connects and closes the connection before it stops the suite, an order that two
 * extensions registered side by side would not be sure to keep; so a test client registers this (or holds one and
 * forwards its callbacks), never the suite as well.
 */
public final class SuiteConnection implements BeforeAllCallback, AfterAllCallback {
    private final TestSuite suite;
    private Connection nats;
    private NatsRequester requester;

    public SuiteConnection(TestSuite suite) {
        this.suite = suite;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        suite.beforeAll(context);
        nats = suite.nats().connect();
        requester = new NatsRequester(nats, suite.nats().root());
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (nats != null) {
                nats.close();
            }
        } finally {
            nats = null;
            requester = null;
            suite.afterAll(context);
        }
    }

    public TestSuite suite() {
        return suite;
    }

    public Connection nats() {
        return nats;
    }

    public NatsRequester requester() {
        return requester;
    }
}
