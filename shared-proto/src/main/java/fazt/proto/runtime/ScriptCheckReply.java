package fazt.proto.runtime;

import fazt.proto.MessageType;

/**
 * {@code ok} true when the code parsed and its top-level evaluation finished in time without throwing; otherwise
 * the failure's {@code file} (path in the bundle, e.g. {@code api/main.js}), 1-based {@code line} and {@code column}
 * (0 when unknown) and {@code message}.
 */
@MessageType("runtime.script_check_reply.v1")
public record ScriptCheckReply(boolean ok, String file, int line, int column, String message) {
    public static ScriptCheckReply passed() {
        return new ScriptCheckReply(true, null, 0, 0, null);
    }
}
