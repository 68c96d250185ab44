package fazt.deploy.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.deploy.domain.DomainCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The check against a real socket that answers each request head with a canned HTTP answer: what counts as the
 * token, the limits on what is read, and which redirects are followed.
 */
class HttpDomainCheckTest {
    private static final String TOKEN = "Zp3kQ8vN2xLr5tWy7bHc9dFg";
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    /** Serves every connection with {@code answer} applied to the request head. */
    private HttpDomainCheck serving(Function<String, String> answer) throws IOException {
        // The accept loop keeps its own socket: the field moves on to the next server of the same test, and an old
        // loop reading the field would take that server's connections and answer them the old way.
        ServerSocket listening = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        server = listening;
        Thread.ofVirtual().start(() -> {
            while (!listening.isClosed()) {
                try (Socket s = listening.accept()) {
                    String head = head(s.getInputStream());
                    heads.add(head);
                    OutputStream out = s.getOutputStream();
                    out.write(answer.apply(head).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new HttpDomainCheck(HttpDomainCheck.address("127.0.0.1:" + listening.getLocalPort()));
    }

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            last4 = (last4 << 8) | b;
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String ok(String body) {
        return "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void theTokenAnsweredForTheDomainAsHostPasses() throws Exception {
        HttpDomainCheck check = serving(head -> ok(TOKEN + "\n"));
        assertThat(check.check("shop.example.com", TOKEN)).isEqualTo(DomainCheck.Outcome.passed());
        assertThat(heads.getFirst())
                .startsWith("GET /.well-known/fazt/" + TOKEN + " HTTP/1.1\r\n")
                .contains("\r\nHost: shop.example.com\r\n");
    }

    @Test
    void aChunkedAnswerIsRead() throws Exception {
        HttpDomainCheck check = serving(head -> "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "8\r\n"
                + TOKEN.substring(0, 8) + "\r\n10\r\n" + TOKEN.substring(8) + "\r\n0\r\n\r\n");
        assertThat(check.check("shop.example.com", TOKEN).ok()).isTrue();
    }

    @Test
    void anotherBodyOrStatusFailsWithTheReason() throws Exception {
        HttpDomainCheck other = serving(head -> ok("someone else's server"));
        assertThat(other.check("shop.example.com", TOKEN).reason()).contains("answered 200 but not with the token");
        server.close();
        HttpDomainCheck missing = serving(head -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        assertThat(missing.check("shop.example.com", TOKEN).reason())
                .isEqualTo("http://shop.example.com/.well-known/fazt/" + TOKEN + " answered 404; is the domain's DNS "
                        + "pointing at this install?");
    }

    @Test
    void aBodyOverOneKibibyteIsRefused() throws Exception {
        HttpDomainCheck declared =
                serving(head -> "HTTP/1.1 200 OK\r\nContent-Length: 1025\r\n\r\n" + "x".repeat(1025));
        assertThat(declared.check("shop.example.com", TOKEN).reason()).contains("larger than 1024 bytes");
        server.close();
        HttpDomainCheck undeclared =
                serving(head -> "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n" + TOKEN + "x".repeat(2000));
        assertThat(undeclared.check("shop.example.com", TOKEN).reason()).contains("larger than 1024 bytes");
    }

    @Test
    void redirectsAreFollowedWithinTheHostOnly() throws Exception {
        HttpDomainCheck within = serving(head -> head.startsWith("GET /moved ")
                ? ok(TOKEN)
                : "HTTP/1.1 301 Moved\r\nLocation: /moved\r\nContent-Length: 0\r\n\r\n");
        assertThat(within.check("shop.example.com", TOKEN).ok()).isTrue();
        assertThat(heads).hasSize(2);
        server.close();

        HttpDomainCheck elsewhere = serving(
                head -> "HTTP/1.1 302 Found\r\nLocation: http://evil.example.net/x\r\n" + "Content-Length: 0\r\n\r\n");
        assertThat(elsewhere.check("shop.example.com", TOKEN).reason())
                .contains("redirected to http://evil.example.net")
                .contains("only redirects within the same host");
        server.close();

        HttpDomainCheck loop = serving(head -> "HTTP/1.1 302 Found\r\nLocation: /again\r\nContent-Length: 0\r\n\r\n");
        assertThat(loop.check("shop.example.com", TOKEN).reason()).contains("redirected more than 3 times");
    }

    @Test
    void aClosedPortAndGarbageFailWithAReason() throws Exception {
        HttpDomainCheck garbage = serving(head -> "SSH-2.0-OpenSSH\r\n\r\n");
        assertThat(garbage.check("shop.example.com", TOKEN).reason())
                .contains("could not be fetched")
                .contains("not an HTTP answer");
        int port = server.getLocalPort();
        server.close();
        HttpDomainCheck closed = new HttpDomainCheck(new InetSocketAddress("127.0.0.1", port));
        assertThat(closed.check("shop.example.com", TOKEN).ok()).isFalse();
    }

    @Test
    void theCheckAddressIsHostColonPort() {
        assertThat(HttpDomainCheck.address("127.0.0.1:8080").getPort()).isEqualTo(8080);
        assertThat(HttpDomainCheck.address("[::1]:80").getHostString()).isEqualTo("::1");
        for (String bad : List.of("127.0.0.1", ":80", "host:", "host:x", "host:0", "host:65536")) {
            assertThatThrownBy(() -> HttpDomainCheck.address(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
