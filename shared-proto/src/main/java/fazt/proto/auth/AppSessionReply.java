package fazt.proto.auth;

import fazt.proto.MessageType;

/** {@code valid} with the session's {@code user}, or not valid (unknown, ended, expired, or another app's session). */
@MessageType("auth.app_session_reply.v1")
public record AppSessionReply(boolean valid, AppUser user) {}
