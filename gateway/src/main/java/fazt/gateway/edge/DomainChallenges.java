package fazt.gateway.edge;

import fazt.gateway.edge.intake.Route;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.DomainChallengeReply;
import fazt.proto.deploy.DomainChallengeRequest;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Answers {@code GET /.well-known/fazt/<token>} on a custom domain with the token, as text, when it is the mapping's
 * verification token (asked of deploy-svc over {@code svc.deploy.domain.challenge}: tokens stay there, and only this
 * path waits on a call); anything else is a plain 404 that names nothing. Never cached.
 */
@Singleton
final class DomainChallenges {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Longer than any token deploy-svc issues: such a path is answered 404 without asking. */
    static final int MAX_TOKEN = 64;

    private final NatsRequester requester;

    DomainChallenges(NatsRequester requester) {
        this.requester = requester;
    }

    void serve(ChannelHandlerContext ctx, Exchange ex, Route.DomainChallenge challenge) {
        if (!HttpMethod.GET.equals(ex.method()) && !ex.head()) {
            send(ctx, ex, HttpResponseStatus.METHOD_NOT_ALLOWED, "Method not allowed\n");
            return;
        }
        String token = challenge.token();
        if (token.isEmpty() || token.length() > MAX_TOKEN || token.indexOf('/') >= 0) {
            send(ctx, ex, HttpResponseStatus.NOT_FOUND, "Not found\n");
            return;
        }
        requester
                .request(
                        DeploySubjects.DOMAIN_CHALLENGE,
                        new DomainChallengeRequest(challenge.host().mapping()),
                        DomainChallengeReply.class,
                        TIMEOUT)
                .whenComplete((reply, failure) -> {
                    if (failure != null) {
                        send(ctx, ex, HttpResponseStatus.SERVICE_UNAVAILABLE, "Try again later\n");
                    } else if (token.equals(reply.token())) {
                        send(ctx, ex, HttpResponseStatus.OK, token);
                    } else {
                        send(ctx, ex, HttpResponseStatus.NOT_FOUND, "Not found\n");
                    }
                });
    }

    private static void send(ChannelHandlerContext ctx, Exchange ex, HttpResponseStatus status, String text) {
        FullHttpResponse response = EdgeResponses.body(
                status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", ex.trace(), ex.requestId());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        if (status == HttpResponseStatus.METHOD_NOT_ALLOWED) {
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
        }
        EdgeResponses.send(ctx, response, ex.keepAlive(), ex.head());
    }
}
