package fazt.server.applogin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real OAuth 2.0 / OpenID Connect server ({@code no.nav.security:mock-oauth2-server}) in a JVM of its own: it needs
 * Jackson and Netty versions the Micronaut services here cannot share a class path with. The class path comes from
 * the {@code testing/oidc-provider} module (system property {@code fazt.oidc-provider.classpath}); the server is
 * configured with {@code JSON_CONFIG} (issuers and the claims of their tokens) and answers on a free port of
 * {@code localhost}, one issuer per path ({@code http://localhost:<port>/<issuer>}).
 */
final class OidcProviderProcess implements AutoCloseable {
    private static final String MAIN = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";
    private final Process process;
    private final int port;

    private OidcProviderProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static OidcProviderProcess start(String jsonConfig) throws Exception {
        String file = System.getProperty(
                "fazt.oidc-provider.classpath", "../testing/oidc-provider/target/oidc-provider.classpath");
        String classPath = Files.readString(Path.of(file)).trim();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                classPath,
                MAIN);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("JSON_CONFIG", jsonConfig);
        builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        OidcProviderProcess provider = new OidcProviderProcess(builder.start(), port);
        provider.awaitReady();
        return provider;
    }

    /** The discovery URL of {@code issuer}. */
    String discoveryUrl(String issuer) {
        return "http://localhost:" + port + "/" + issuer + "/.well-known/openid-configuration";
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the OIDC provider process exited with " + process.exitValue());
                }
                try {
                    HttpResponse<Void> r = http.send(
                            HttpRequest.newBuilder(URI.create(discoveryUrl("probe")))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
        }
        close();
        throw new IllegalStateException("the OIDC provider did not start within 60 s");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
