package fazt.proto.auth;

import fazt.proto.MessageType;

/** {@code valid} with the token's principal, or not valid (whatever the reason: callers say one generic thing). */
@MessageType("auth.token_verify_reply.v1")
public record TokenVerifyReply(boolean valid, Principal principal) {}
