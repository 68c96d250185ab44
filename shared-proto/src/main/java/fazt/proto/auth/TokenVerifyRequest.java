package fazt.proto.auth;

import fazt.proto.MessageType;

/** Is this bearer token valid, and whose is it? */
@MessageType("auth.token_verify_request.v1")
public record TokenVerifyRequest(String token) {}
