package fazt.proto.deploy;

import fazt.proto.MessageType;

/** The env vars and secrets of app {@code appId}, decrypted, for runtime-svc to put in the handler's {@code env}. */
@MessageType("deploy.app_env_request.v1")
public record AppEnvRequest(String appId) {}
