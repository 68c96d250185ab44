package fazt.proto.deploy;

import fazt.proto.MessageType;
import java.util.Map;

/**
 * The app's variables by name, secrets decrypted. Only runtime-svc asks for this; listings for people go through the
 * admin API, which masks secrets. {@code found} is false for an unknown app.
 */
@MessageType("deploy.app_env_reply.v1")
public record AppEnvReply(boolean found, Map<String, String> values) {}
