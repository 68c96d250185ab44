package fazt.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * One {@link Stack} started with {@code scripts/stack up} before the first test of a class and stopped after its
 * last, registered as a static {@code @RegisterExtension} field:
 * <pre>{@code
 * @RegisterExtension
 * static final RunningStack suite = RunningStack.split().env("FAZT_RUNTIME_INSTANCES", "2");
 * }</pre>
 * A stack that fails to come up is stopped at once (its database and subject root dropped) and the class fails with
 * the output of {@code up}, which names the service and shows the end of its log. A test that fails gets the end of
 * every service log attached to its failure, so the cause on the server side is in the report next to the assertion.
 */
final class RunningStack
        implements BeforeAllCallback,
                AfterAllCallback,
                TestExecutionExceptionHandler,
                LifecycleMethodExecutionExceptionHandler {
    /** Lines from the end of each service log attached to a failure. */
    static final int LOG_TAIL_LINES = 60;

    private final String targets;
    private final List<String[]> env = new ArrayList<>();
    private Stack stack;
    private Edge edge;
    private boolean checkDomainsAtGateway;
    private int managementPorts = 7;
    private BeforeUp beforeUp = stack -> {};

    /** Work on a created stack before its {@code up} (install a release into its FAZT_HOME, say). */
    @FunctionalInterface
    interface BeforeUp {
        void accept(Stack stack) throws Exception;
    }

    private RunningStack(String targets) {
        this.targets = targets;
    }

    /** All seven services in one JVM ({@code FAZT_TARGETS=all}). */
    static RunningStack oneJvm() {
        return new RunningStack("all");
    }

    /** A process per service, as {@code scripts/stack up} starts them by default. */
    static RunningStack split() {
        return new RunningStack(null);
    }

    /**
     * Points deploy-svc's custom-domain check at this stack's own gateway ({@code FAZT_DOMAIN_CHECK_ADDRESS}), so a
     * domain like {@code shop.example.test} verifies without DNS.
     */
    RunningStack checkDomainsAtGateway() {
        checkDomainsAtGateway = true;
        return this;
    }

    /** Free management ports to reserve from FAZT_MANAGEMENT_PORT on (default 7, one per service). */
    RunningStack managementPorts(int count) {
        managementPorts = count;
        return this;
    }

    /** Runs {@code work} on the created stack before {@code scripts/stack up}. */
    RunningStack beforeUp(BeforeUp work) {
        beforeUp = work;
        return this;
    }

    /** An environment override for every {@code scripts/stack} call, e.g. {@code FAZT_RUNTIME_INSTANCES=2}. */
    RunningStack env(String name, String value) {
        env.add(new String[] {name, value});
        return this;
    }

    Stack stack() {
        if (stack == null) {
            throw new IllegalStateException("the stack is not running: it is started before the class's first test");
        }
        return stack;
    }

    /** HTTP to this stack's gateway, open while the stack runs. */
    Edge edge() {
        stack();
        return edge;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Stack created = Stack.create(targets, managementPorts);
        env.forEach(pair -> created.with(pair[0], pair[1]));
        if (checkDomainsAtGateway) {
            created.with("FAZT_DOMAIN_CHECK_ADDRESS", "127.0.0.1:" + created.httpPort);
        }
        try {
            beforeUp.accept(created);
            Stack.Result up = created.stack("up");
            if (up.exitCode() != 0) {
                throw new AssertionError("scripts/stack up exited " + up.exitCode() + ":\n" + up.output());
            }
        } catch (Throwable failed) {
            closeQuietly(created, failed);
            throw failed;
        }
        stack = created;
        edge = new Edge(created);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (stack == null) {
            return;
        }
        try {
            edge.close();
            stack.close();
        } finally {
            stack = null;
            edge = null;
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleAfterEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        throw withLogs(failure);
    }

    private Throwable withLogs(Throwable failure) {
        if (stack != null) {
            failure.addSuppressed(new ServiceLogs(logTails(stack.home.resolve("logs"))));
        }
        return failure;
    }

    /** The last {@link #LOG_TAIL_LINES} lines of each log under {@code dir}, each under its file name. */
    static String logTails(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "(no logs under " + dir + ")";
        }
        StringBuilder out = new StringBuilder();
        try (Stream<Path> logs = Files.list(dir)) {
            for (Path log :
                    logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log);
                out.append("--- ")
                        .append(log.getFileName())
                        .append(" (last ")
                        .append(LOG_TAIL_LINES)
                        .append(" of ")
                        .append(lines.size())
                        .append(" lines)\n");
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(line -> out.append(line).append('\n'));
            }
        } catch (IOException e) {
            out.append("(logs unreadable: ").append(e).append(")");
        }
        return out.toString();
    }

    private static void closeQuietly(Stack stack, Throwable cause) {
        try {
            stack.close();
        } catch (Exception e) {
            cause.addSuppressed(e);
        }
    }

    /** Attached to a failed test: what the services logged, for the report rather than as a cause of its own. */
    static final class ServiceLogs extends Exception {
        ServiceLogs(String tails) {
            super("service logs at the time of the failure:\n" + tails, null, false, false);
        }
    }
}
