package fazt.server.applogin;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.test.GatewayHttp;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A browser of an app-login test: cookies per host (as host-only cookies are kept), no automatic redirects, the
 * gateway reached on 127.0.0.1 with the app's name as Host.
 */
final class AppBrowser {
    final Map<String, Map<String, String>> cookies = new LinkedHashMap<>();
    String[] extra = new String[0];
    private final GatewayHttp gateway;

    AppBrowser(GatewayHttp gateway) {
        this.gateway = gateway;
        for (String host : List.of("blog.localhost", "notes.localhost", "admin.localhost")) {
            cookies.put(host, new LinkedHashMap<>());
        }
    }

    /** A new browser holding this one's cookies (to replay them after this one forgot them). */
    AppBrowser copy() {
        AppBrowser copy = new AppBrowser(gateway);
        cookies.forEach((host, jar) -> copy.cookies.get(host).putAll(jar));
        return copy;
    }

    HttpResponse<String> get(String host, String pathAndQuery) throws Exception {
        return send("GET", host, pathAndQuery);
    }

    HttpResponse<String> send(String method, String host, String pathAndQuery) throws Exception {
        Map<String, String> jar = cookies.get(host);
        List<String> headers = new ArrayList<>(List.of(extra));
        if (!jar.isEmpty()) {
            headers.addAll(List.of(
                    "Cookie",
                    String.join(
                            "; ",
                            jar.entrySet().stream()
                                    .map(e -> e.getKey() + "=" + e.getValue())
                                    .toList())));
        }
        HttpResponse<String> response = gateway.send(
                method,
                host,
                pathAndQuery,
                HttpRequest.BodyPublishers.noBody(),
                HttpResponse.BodyHandlers.ofString(),
                headers.toArray(String[]::new));
        for (String set : response.headers().allValues("set-cookie")) {
            String pair = set.substring(0, set.indexOf(';'));
            String name = pair.substring(0, pair.indexOf('=')), value = pair.substring(pair.indexOf('=') + 1);
            if (set.contains("Max-Age=0")) {
                jar.remove(name);
            } else {
                jar.put(name, value);
            }
        }
        return response;
    }

    /** Starts a login; the provider's authorization URL. */
    URI loginStart(String host, String issuer) throws Exception {
        HttpResponse<String> start = get(host, "/_fazt/auth/login?provider=" + issuer);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(302);
        return URI.create(start.headers().firstValue("location").orElseThrow());
    }

    /** Follows the authorization URL at the provider (which logs in at once); where it sends the browser back. */
    URI atProvider(URI authorize) throws Exception {
        HttpResponse<String> at = gateway.client()
                .send(
                        HttpRequest.newBuilder(authorize)
                                .timeout(Duration.ofSeconds(15))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(at.statusCode()).as(at.body()).isEqualTo(302);
        return URI.create(at.headers().firstValue("location").orElseThrow());
    }

    /** The whole login; the callback's answer. */
    HttpResponse<String> loginThrough(String host, String issuer) throws Exception {
        URI callback = atProvider(loginStart(host, issuer));
        return get(host, callback.getRawPath() + "?" + callback.getRawQuery());
    }
}
