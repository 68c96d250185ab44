package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The `fazt` command against a running suite, as a user types it. */
class CliE2E {
    @Test
    void statusListsEveryServiceUpAndExitsZero() throws Exception {
        try (Stack stack = Stack.create("all")) {
            Stack.Result up = stack.stack("up");
            assertThat(up.exitCode()).as(up.output()).isZero();
            // admin.localhost resolves to loopback on any machine (RFC 6761): the CLI sends it as the Host.
            Stack.Result status = Stack.run(List.of(Stack.REPO.resolve("bin/fazt").toString(), "status", "--url",
                    "http://admin.localhost:" + stack.httpPort), Map.of(), 60);
            assertThat(status.exitCode()).as(status.output()).isZero();
            assertThat(status.output().lines().filter(l -> l.contains(" UP ")).count()).isEqualTo(7);

            stack.stack("down");
            Stack.Result down = Stack.run(List.of(Stack.REPO.resolve("bin/fazt").toString(), "status", "--url",
                    stack.baseUrl()), Map.of(), 60);
            assertThat(down.exitCode()).isEqualTo(1);
            assertThat(down.output().strip()).startsWith("fazt: cannot connect to " + stack.baseUrl());
        }
    }
}
