package fazt.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For each test: a fresh home directory, a {@link FakeAdminServer} and an environment whose config lives below that
 * home and which, unless made {@link #withoutCredentials()}, points the CLI at the server with {@code FAZT_URL} and
 * {@code FAZT_TOKEN}. Register it with {@code @RegisterExtension final FakeServerExtension cli = new
 * FakeServerExtension();}; it is ready before the test's own {@code @BeforeEach} methods run.
 */
final class FakeServerExtension implements BeforeEachCallback, AfterEachCallback {
    private final boolean credentials;
    private Path home;
    private FakeAdminServer server;
    private Map<String, String> env;

    FakeServerExtension() {
        this(true);
    }

    private FakeServerExtension(boolean credentials) {
        this.credentials = credentials;
    }

    /** Like the default, but with nothing in the environment about the server: as before {@code fazt login}. */
    static FakeServerExtension withoutCredentials() {
        return new FakeServerExtension(false);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        home = Files.createTempDirectory("fazt-cli-home-");
        server = new FakeAdminServer();
        env = CliRun.env(home);
        if (credentials) {
            env.put("FAZT_URL", server.url());
            env.put("FAZT_TOKEN", FakeAdminServer.TOKEN);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        try {
            server.close();
        } finally {
            delete(home);
        }
    }

    Path home() {
        return home;
    }

    FakeAdminServer server() {
        return server;
    }

    /** The environment the CLI runs with; a test may change it before a run. */
    Map<String, String> env() {
        return env;
    }

    /** Runs {@code fazt} with {@link #env()}. */
    CliRun run(String... args) {
        return CliRun.run(env, args);
    }

    /** Runs {@code fazt} with {@link #env()} and {@code stdin} as its standard input. */
    CliRun runWithInput(String stdin, String... args) {
        return CliRun.run(env, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    /** The last request the server got, as {@code "METHOD /path"} and its body, if it had one. */
    String sent() {
        FakeAdminServer.Request request = server.last();
        return request.method() + " " + request.path() + (request.body().length > 0 ? " " + request.text() : "");
    }

    /** Deletes {@code dir} and everything below it; links are deleted, never followed. */
    private static void delete(Path dir) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(dir)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : paths) {
            Files.delete(path);
        }
    }
}
