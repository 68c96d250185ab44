package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code scripts/stack upgrade} on a split suite (ADR 43), with releases and a key the test makes with the real
 * minisign. "Previous" release A and release B are both this build (scripts/release with another version string),
 * so what is proven is the mechanism: verification, the versioned directory, the switch of every service, the
 * requests. A bad release (tampered manifest, another key, a file whose hash differs) is refused before anything
 * stops; B goes in under continuous load (a static site and a function) without a failed request and every process
 * then runs B; a release whose runtime never becomes healthy is rolled back, the suite serving throughout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpgradeE2E {
    static final String A = "0.9.0-previous";
    static final String B = "1.0.0-next";
    static final String BROKEN = "1.0.1-broken-runtime";

    static Releases releases;
    static Releases stranger;
    static Path releaseA;
    static Path releaseB;

    @RegisterExtension
    static final RunningStack suite = RunningStack.split()
            .managementPorts(7 + 32 + 7) // both upgrade slots
            .beforeUp(UpgradeE2E::installReleaseA);

    private final Edge edge = suite.edge();

    /** What an installer does: fetch release A verified by the key the user trusts, and make it current. */
    static void installReleaseA(Stack stack) throws Exception {
        releases = Releases.withNewKey("upgrade");
        releaseA = releases.build(A);
        releaseB = releases.build(B);
        Stack.Result fetched = Stack.run(
                List.of(
                        Stack.REPO.resolve("bin/fazt-server").toString(),
                        "release",
                        "fetch",
                        "--from",
                        releaseA.toString(),
                        "--key",
                        releases.publicKey.toString(),
                        "--into",
                        stack.home.resolve("releases").toString()),
                Map.of("FAZT_HOME", stack.home.toString()),
                120);
        assertThat(fetched.exitCode()).as(fetched.output()).isZero();
        Files.createSymbolicLink(stack.home.resolve("current"), Path.of("releases", A));
    }

    @BeforeAll
    static void apps() throws Exception {
        Edge edge = suite.edge();
        edge.deployFiles("upsite", "index.html", "<h1>still here</h1>");
        edge.deployFiles("upfn", "index.html", "fn", "api/main.js", """
                export default { async fetch(request) { return Response.json({ ok: true }); } };
                """);
    }

    /** The release directories (about 150 MB each); the stack deletes the copies it installed when it stops. */
    @AfterAll
    static void deleteReleases() throws Exception {
        for (Releases r : new Releases[] {releases, stranger}) {
            if (r != null) {
                Stack.run(List.of("rm", "-rf", r.dir.toString()), Map.of(), 120);
            }
        }
    }

    @Test
    @Order(1)
    void aTamperedManifestAnotherKeyOrABadHashIsRefusedBeforeAnythingStops() throws Exception {
        Stack stack = suite.stack();
        List<Long> before = stack.pids();

        Path tampered = releases.copyAs(releaseB, "1.0.0-tampered");
        String json = Files.readString(tampered.resolve("release.json"));
        Files.writeString(tampered.resolve("release.json"), json.replace("1.0.0-tampered", "1.0.0-other"));
        assertRefused(stack, tampered, "release.json does not match its signature");

        stranger = Releases.withNewKey("stranger");
        Path otherKey = stranger.copyAs(releaseB, "1.0.0-other-key");
        assertRefused(stack, otherKey, "not by the pinned key");

        // A file the installed release does not have (one it has with the signed hash is copied from there, so a
        // changed copy of it in the source is never read), changed after signing.
        Path badHash = releases.dir.resolve("1.0.0-bad-hash");
        Stack.run(List.of("cp", "-a", releaseB.toString(), badHash.toString()), Map.of(), 60);
        Path added = badHash.resolve("server/target/fazt-server/lib/added.txt");
        Files.writeString(added, "as signed\n");
        releases.resign(badHash, "1.0.0-bad-hash");
        Files.writeString(added, "as served\n");
        assertRefused(stack, badHash, "server/target/fazt-server/lib/added.txt has SHA-256 ");

        assertThat(stack.pids()).as("nothing stopped or started").containsExactlyInAnyOrderElementsOf(before);
        assertThat(Files.readSymbolicLink(stack.home.resolve("current"))).isEqualTo(Path.of("releases", A));
        assertThat(stack.home.resolve("releases"))
                .isDirectoryNotContaining(p -> !p.getFileName().toString().equals(A));
        assertThat(stack.stack("status").exitCode()).isZero();
    }

    @Test
    @Order(2)
    void anUpgradeUnderLoadFailsNoRequestAndLeavesEveryServiceOnTheNewRelease() throws Exception {
        Stack stack = suite.stack();
        Stack.Result check = stack.stack("upgrade", "--check", "--from", releaseB.toString());
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output())
                .contains("current:   " + A)
                .contains("available: " + B)
                .contains("signature good");

        Stack.Result upgrade;
        Load load = new Load(edge);
        try (load) {
            load.waitForRequests(50);
            upgrade = stack.stack("upgrade", "--from", releaseB.toString());
            load.waitForRequests(load.total.get() + 50); // still answering afterwards
        }
        System.out.printf(
                "UpgradeE2E: upgrade %s -> %s under load: %d requests, %d failed%n",
                A, B, load.total.get(), load.failures.size());
        assertThat(upgrade.exitCode()).as(upgrade.output()).isZero();
        assertThat(upgrade.output()).contains("upgraded to " + B);
        assertThat(load.failures).as("failed requests during the upgrade").isEmpty();
        assertEveryProcessRuns(stack, B);
        assertThat(Files.readSymbolicLink(stack.home.resolve("current"))).isEqualTo(Path.of("releases", B));
        assertThat(stack.stack("status").exitCode()).isZero();
    }

    @Test
    @Order(3)
    void aReleaseWhoseRuntimeFailsItsHealthCheckIsRolledBackWhileTheSuiteServes() throws Exception {
        Stack stack = suite.stack();
        // The broken release's launcher gives the runtime a bad setting: it exits at start, every time.
        Path broken = releases.dir.resolve(BROKEN);
        Stack.run(List.of("cp", "-a", releaseB.toString(), broken.toString()), Map.of(), 60);
        Path launcher = broken.resolve("bin/fazt-server");
        Files.writeString(
                launcher,
                Files.readString(launcher)
                        .replaceFirst(
                                "set -euo pipefail\n",
                                "set -euo pipefail\n[ \"\\${FAZT_TARGETS:-}\" != runtime ] || export FAZT_RUNTIME_MAX_FETCHES=broken\n"));
        releases.resign(broken, BROKEN);

        Stack.Result upgrade;
        Load load = new Load(edge);
        try (load) {
            load.waitForRequests(50);
            upgrade = stack.stack("upgrade", "--from", broken.toString());
            load.waitForRequests(load.total.get() + 50);
        }
        System.out.printf(
                "UpgradeE2E: rolled-back upgrade under load: %d requests, %d failed%n",
                load.total.get(), load.failures.size());
        assertThat(upgrade.exitCode()).as(upgrade.output()).isEqualTo(1);
        assertThat(upgrade.output())
                .contains("runtime on release " + BROKEN + " did not become healthy")
                .contains("FAZT_RUNTIME_MAX_FETCHES")
                .contains("rolled back: runtime failed its health check; 5 service(s) put back on release " + B);
        assertThat(load.failures)
                .as("failed requests during the rolled-back upgrade")
                .isEmpty();
        assertEveryProcessRuns(stack, B);
        assertThat(Files.readSymbolicLink(stack.home.resolve("current"))).isEqualTo(Path.of("releases", B));
        Stack.Result status = stack.stack("status");
        assertThat(status.exitCode()).as(status.output()).isZero();
    }

    private static void assertRefused(Stack stack, Path release, String reason) throws Exception {
        Stack.Result refused = stack.stack("upgrade", "--from", release.toString());
        assertThat(refused.exitCode()).as(refused.output()).isEqualTo(1);
        assertThat(refused.output()).contains(reason).contains("upgrade refused; nothing was stopped");
    }

    private static void assertEveryProcessRuns(Stack stack, String version) throws Exception {
        List<Long> pids = stack.pids();
        assertThat(pids).hasSize(7);
        for (long pid : pids) {
            String commandLine =
                    Files.readString(Path.of("/proc/" + pid + "/cmdline")).replace('\0', ' ');
            assertThat(commandLine).as("process %d", pid).contains("/releases/" + version + "/");
        }
    }

    /**
     * Continuous requests at a modest rate, each checked for its answer: a static page and a function, two threads
     * each, one request after another with a pause of 20 ms. A failure is any exception or any answer that is not the
     * expected 200 and body.
     */
    static final class Load implements AutoCloseable {
        final AtomicLong total = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();

        Load(Edge edge) {
            for (int i = 0; i < 4; i++) {
                boolean function = i % 2 == 1;
                threads.add(Thread.ofPlatform().name("load-" + i).start(() -> {
                    while (!stop.get()) {
                        try {
                            HttpResponse<byte[]> r = function
                                    ? edge.get("upfn.localhost", "/api/hello")
                                    : edge.get("upsite.localhost", "/");
                            String body = Edge.text(r);
                            boolean ok = r.statusCode() == 200
                                    && (function ? body.contains("\"ok\":true") : body.contains("still here"));
                            if (!ok) {
                                failures.add(r.statusCode() + " " + body);
                            }
                        } catch (Exception e) {
                            failures.add(e.toString());
                        }
                        total.incrementAndGet();
                        try {
                            Thread.sleep(20);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }));
            }
        }

        void waitForRequests(long count) throws InterruptedException {
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (total.get() < count && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(total.get()).as("requests answered").isGreaterThanOrEqualTo(count);
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join(70_000);
            }
        }
    }
}
