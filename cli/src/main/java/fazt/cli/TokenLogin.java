package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The two ways {@code fazt login} gets a token: from a pasted token string {@code fazt_<base64url(url)>_<secret>},
 * which names its server, or by trading a username and password for a new API token with the user's scopes
 * ({@code POST /api/auth/login} with {@code tokenName}).
 */
final class TokenLogin {
    private TokenLogin() {}

    /** The server URL inside a token string, or null when the string carries none (a bootstrap token, or not a token). */
    static String serverOf(String token) {
        if (token == null || !token.startsWith("fazt_")) {
            return null;
        }
        String rest = token.substring(5);
        int last = rest.lastIndexOf('_');
        if (last <= 0) {
            return null;
        }
        try {
            String url = new String(Base64.getUrlDecoder().decode(rest.substring(0, last)), StandardCharsets.UTF_8);
            URI uri = URI.create(url);
            return uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null ? url : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Trades a username and password for a token named after this machine; the server answers one generic failure. */
    static JsonNode withPassword(ServerAddress server, String username, String password) {
        ObjectNode body = AdminClient.JSON
                .createObjectNode()
                .put("username", username)
                .put("password", password)
                .put("tokenName", "fazt CLI on " + hostName())
                .put("expiresInDays", 90);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json");
        ServerClient.Response response;
        try {
            // Raw HTTP/1.1: HttpURLConnection hides the body of a 401 to a streamed POST, and that body is the message.
            byte[] bytes = AdminClient.JSON.writeValueAsBytes(body);
            response = Http1.exchange(
                    server,
                    "POST",
                    "/api/auth/login",
                    headers,
                    ServerClient.TIMEOUT,
                    bytes.length,
                    out -> out.write(bytes),
                    false);
        } catch (IOException e) {
            throw new CliFailure("cannot reach " + server.uri() + ": " + e.getMessage());
        }
        if (response.status() != 201) {
            throw new CliFailure(ProblemMessage.of(response.status(), response.text()));
        }
        try {
            return AdminClient.JSON.readTree(response.text());
        } catch (IOException e) {
            throw new CliFailure(server.uri() + " did not answer JSON; is it a fazt admin URL?");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this machine";
        }
    }
}
