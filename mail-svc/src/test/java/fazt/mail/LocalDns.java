package fazt.mail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A DNS server for the tests' SPF, DKIM and DMARC records: Debian's {@code pebble-challtestsrv}, whose management API
 * sets TXT records ({@code POST /set-txt}). Null from {@link #start} when it is not installed.
 */
final class LocalDns implements AfterAllCallback {
    static final Path BINARY = Path.of("/usr/bin/pebble-challtestsrv");

    private final Process process;
    private final int dnsPort;
    private final int managementPort;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalDns(Process process, int dnsPort, int managementPort) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.managementPort = managementPort;
    }

    static LocalDns start() {
        if (!Files.isExecutable(BINARY)) {
            return null;
        }
        try {
            int dns;
            try (DatagramSocket udp = new DatagramSocket(0)) {
                dns = udp.getLocalPort();
            }
            int management;
            try (ServerSocket tcp = new ServerSocket(0)) {
                management = tcp.getLocalPort();
            }
            Process p = new ProcessBuilder(
                            BINARY.toString(),
                            "-dns01",
                            "127.0.0.1:" + dns,
                            "-management",
                            "127.0.0.1:" + management,
                            "-http01",
                            "",
                            "-https01",
                            "",
                            "-tlsalpn01",
                            "")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            LocalDns local = new LocalDns(p, dns, management);
            MailFixture.waitFor(local::answering, Duration.ofSeconds(10));
            return local;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("pebble-challtestsrv did not start", e);
        }
    }

    /** {@code host:port} of the DNS server, for {@code FAZT_MAIL_DNS}. */
    String address() {
        return "127.0.0.1:" + dnsPort;
    }

    /** Publishes a TXT record at {@code host}. */
    void txt(String host, String value) throws IOException, InterruptedException {
        String body = "{\"host\":\"" + host + ".\",\"value\":\"" + value.replace("\"", "\\\"") + "\"}";
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/set-txt"))
                        .timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException("set-txt answered " + answer.statusCode());
        }
    }

    private boolean answering() {
        try {
            txt("probe.invalid", "up");
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        process.destroy();
    }
}
