package fazt.proto.auth;

import fazt.proto.MessageType;

/**
 * Who holds this app-session cookie value ({@code secret}) on the app {@code appId}? The gateway asks for requests to
 * an app's functions; a session of another app is not valid here.
 */
@MessageType("auth.app_session_request.v1")
public record AppSessionRequest(String appId, String secret) {}
