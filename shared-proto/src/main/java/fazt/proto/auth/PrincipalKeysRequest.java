package fazt.proto.auth;

import fazt.proto.MessageType;

/** Which public keys verify principal assertions: {@code keyId} only, or every current one when null. */
@MessageType("auth.principal_keys_request.v1")
public record PrincipalKeysRequest(String keyId) {}
