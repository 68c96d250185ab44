package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The `fazt` command against a running suite, as a user types it. */
class CliE2E {
    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm();

    @Test
    void statusListsEveryServiceUpAndExitsZero() throws Exception {
        Stack stack = suite.stack();
        // admin.localhost resolves to loopback on any machine (RFC 6761): the CLI sends it as the Host.
        Stack.Result status = Cli.anonymous(60, "status", "--url", "http://admin.localhost:" + stack.httpPort);
        assertThat(status.exitCode()).as(status.output()).isZero();
        assertThat(status.output().lines().filter(l -> l.contains(" UP ")).count())
                .isEqualTo(7);

        // Stopped here on purpose; the extension's own stop afterwards finds nothing left to stop.
        stack.stack("down");
        Stack.Result down = Cli.anonymous(60, "status", "--url", stack.baseUrl());
        assertThat(down.exitCode()).isEqualTo(1);
        assertThat(down.output().strip()).startsWith("fazt: cannot connect to " + stack.baseUrl());
    }
}
