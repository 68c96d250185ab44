package fazt.gateway.admin;

import fazt.gateway.edge.EdgeResponses;
import fazt.gateway.edge.Exchange;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;

/**
 * The first-run setup page at {@code admin.<domain>/_fazt/setup/<secret>}: a minimal form that posts the first
 * admin's username, password and email with the secret to {@code /api/auth/setup} (auth-svc checks the secret). The
 * page itself holds no secret; it reads it from its own URL, and sends no referrer so the link never leaks.
 */
public final class SetupPage {
    private static final byte[] HTML = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>fazt setup</title>
            <style>body{font-family:system-ui,sans-serif;max-width:26rem;margin:3rem auto;padding:0 1rem}
            label{display:block;margin:.8rem 0 .2rem}input{width:100%;padding:.5rem;box-sizing:border-box}
            button{margin-top:1.2rem;padding:.6rem 1.2rem}#msg{margin-top:1rem}</style></head>
            <body><h1>Welcome to fazt</h1><p>Create the first admin account. This link works once.</p>
            <form id="f"><label for="u">Username</label><input id="u" name="username" required minlength="2" maxlength="64" autocomplete="username">
            <label for="e">Email (optional)</label><input id="e" name="email" type="email" autocomplete="email">
            <label for="p">Password (10 characters or more)</label><input id="p" name="password" type="password" required minlength="10" maxlength="256" autocomplete="new-password">
            <button type="submit">Create admin</button></form><p id="msg" role="status"></p>
            <script>
            document.getElementById('f').addEventListener('submit', async (e) => {
              e.preventDefault();
              const secret = location.pathname.split('/').pop();
              const body = {secret, username: u.value, password: p.value, email: e.target.email.value || null};
              const r = await fetch('/api/auth/setup', {method: 'POST', headers: {'Content-Type': 'application/json'},
                body: JSON.stringify(body)});
              const j = await r.json().catch(() => ({}));
              document.getElementById('msg').textContent = r.ok
                ? 'Done. Log in with: fazt login ' + location.origin + '  (user ' + j.user.username + ')'
                : (j.detail || 'Setup failed.');
              if (r.ok) { document.getElementById('f').remove(); }
            });
            </script></body></html>
            """.getBytes(StandardCharsets.UTF_8);

    private SetupPage() {}

    public static void serve(ChannelHandlerContext ctx, Exchange ex) {
        if (!HttpMethod.GET.equals(ex.method()) && !ex.head()) {
            EdgeResponses.send(
                    ctx,
                    EdgeResponses.methodNotAllowed(ex.path(), ex.trace(), ex.requestId(), "GET, HEAD"),
                    ex.keepAlive(),
                    ex.head());
            return;
        }
        FullHttpResponse response =
                EdgeResponses.body(HttpResponseStatus.OK, HTML, "text/html; charset=utf-8", ex.trace(), ex.requestId());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set("Referrer-Policy", "no-referrer");
        response.headers().set("X-Frame-Options", "DENY");
        response.headers()
                .set(
                        "Content-Security-Policy",
                        "default-src 'none'; script-src 'unsafe-inline';"
                                + " style-src 'unsafe-inline'; connect-src 'self'; form-action 'none'; frame-ancestors 'none'");
        EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
    }
}
