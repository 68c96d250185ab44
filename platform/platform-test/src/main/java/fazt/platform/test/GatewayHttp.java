package fazt.platform.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * HTTP requests to a gateway on this machine addressed by Host header, as a browser reaching {@code <name>.localhost}
 * sends them: {@code http://127.0.0.1:<port><path>} with {@code Host: <name>}, over HTTP/1.1, redirects not followed
 * (a test sees each 3xx itself). Shared by the tests that run the gateway in their own JVM and the end-to-end tests
 * that reach a whole suite from outside.
 */
public final class GatewayHttp implements AutoCloseable {
    private final IntSupplier port;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /**
     * @param port    the gateway's HTTP port, asked at each request (a gateway started later may pick any free port)
     * @param timeout how long a single request may take
     */
    public GatewayHttp(IntSupplier port, Duration timeout) {
        this.port = port;
        this.timeout = timeout;
    }

    /** One request; {@code headers} alternate name, value. */
    public <T> HttpResponse<T> send(
            String method,
            String host,
            String pathAndQuery,
            HttpRequest.BodyPublisher body,
            HttpResponse.BodyHandler<T> answer,
            String... headers)
            throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port.getAsInt() + pathAndQuery);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .method(method, body)
                .header("Host", host);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), answer);
    }

    /** The client itself, for a request elsewhere on the same connections (an identity provider, say). */
    public HttpClient client() {
        return http;
    }

    @Override
    public void close() {
        http.close();
    }
}
