package fazt.proto.auth;

import fazt.proto.MessageType;

/**
 * One request to a login path on an app host ({@code /_fazt/auth/login|callback|logout|me}), forwarded by the gateway
 * to auth-svc. {@code appId} and {@code app} (its name) come from the host's route, never from the request;
 * {@code host} is the Host header the route matched (with its port), {@code https} whether the browser used HTTPS,
 * {@code path} the request path, {@code query} the raw query string or null, {@code cookie} the raw Cookie header or
 * null. See {@link AppSession} for cookie names.
 */
@MessageType("auth.app_login_request.v1")
public record AppLoginRequest(
        String appId,
        String app,
        String host,
        boolean https,
        String method,
        String path,
        String query,
        String cookie,
        String clientIp) {}
