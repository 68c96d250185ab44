package fazt.proto.runtime;

import fazt.proto.MessageType;

/** Does the server code in {@code namespace} (a committed version of app {@code appId}, not yet live) load? */
@MessageType("runtime.script_check_request.v1")
public record ScriptCheckRequest(String appId, String name, int version, String namespace) {}
