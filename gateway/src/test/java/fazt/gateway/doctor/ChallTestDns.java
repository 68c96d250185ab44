package fazt.gateway.doctor;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real DNS server for tests: Debian's {@code pebble-challtestsrv} with only its DNS and management interfaces, on
 * free loopback ports. Every name answers {@code 127.0.0.1} (A) and nothing (AAAA) unless {@link #addA} says
 * otherwise. Killed by {@link #close()}.
 */
final class ChallTestDns implements AutoCloseable {
    private final Process process;
    private final int dnsPort;
    private final int managementPort;

    private ChallTestDns(Process process, int dnsPort, int managementPort) {
        this.process = process;
        this.dnsPort = dnsPort;
        this.managementPort = managementPort;
    }

    static ChallTestDns start() throws Exception {
        int dns = freePort(), management = freePort();
        Path log = Files.createTempFile("fazt-challtestsrv", ".log");
        Process process = new ProcessBuilder(
                        "pebble-challtestsrv",
                        "-defaultIPv4",
                        "127.0.0.1",
                        "-defaultIPv6",
                        "",
                        "-dns01",
                        "127.0.0.1:" + dns,
                        "-http01",
                        "",
                        "-https01",
                        "",
                        "-tlsalpn01",
                        "",
                        "-management",
                        "127.0.0.1:" + management)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ChallTestDns server = new ChallTestDns(process, dns, management);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (true) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), management)) {
                break; // management listens once DNS does: both start before the server logs that it is ready
            } catch (IOException notYet) {
                if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                    server.close();
                    throw new IllegalStateException("pebble-challtestsrv did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
        }
        return server;
    }

    /** {@code host:port} of the DNS server, for {@code FAZT_DOCTOR_DNS}. */
    String address() {
        return "127.0.0.1:" + dnsPort;
    }

    /** Makes {@code host} answer {@code address} (A) instead of the default. */
    void addA(String host, String address) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/add-a"))
                            .timeout(Duration.ofSeconds(10))
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "{\"host\":\"" + host + ".\",\"addresses\":[\"" + address + "\"]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("challtestsrv /add-a answered " + response.statusCode());
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
