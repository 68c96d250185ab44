package fazt.runtime.web;

import java.nio.charset.StandardCharsets;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

/**
 * Moves bytes between Java and JavaScript without per-byte interop calls (strings cross the boundary as one value).
 * Into JS, bytes travel as base64 that the engine's native {@code Uint8Array.fromBase64} unpacks (GraalJS with
 * {@code js.ecmascript-version=staging}), or else as a Latin-1 string (one char per byte) a JS loop unpacks; out of
 * JS, {@link Value#readBuffer} copies an {@code ArrayBuffer} in bulk. All of it works with {@code HostAccess.NONE}.
 */
public final class JsBytes {
    private JsBytes() {}

    /** A new {@code Uint8Array} in {@code context} holding a copy of {@code bytes}. */
    public static Value toJs(Context context, byte[] bytes) {
        WebBridge bridge = WebGlobals.bridge(context);
        return bridge.fromHost(bridge.encode(bytes));
    }

    /**
     * The bytes of a JS {@code ArrayBuffer}, typed array, {@code DataView} or {@code Blob}-free byte source;
     * a JS string is encoded as UTF-8. Throws {@link IllegalArgumentException} for anything else.
     */
    public static byte[] toJava(Value value) {
        if (value == null || value.isNull()) {
            return new byte[0];
        }
        if (value.isString()) {
            return value.asString().getBytes(StandardCharsets.UTF_8);
        }
        if (value.hasBufferElements()) {
            return copy(value, 0, (int) value.getBufferSize());
        }
        if (value.hasMember("buffer") && value.hasMember("byteOffset") && value.hasMember("byteLength")) {
            Value buffer = value.getMember("buffer");
            if (buffer.hasBufferElements()) {
                return copy(
                        buffer,
                        value.getMember("byteOffset").asLong(),
                        value.getMember("byteLength").asInt());
            }
        }
        throw new IllegalArgumentException("not a byte source: " + value);
    }

    /** One char per byte, the form {@link #toJs} hands to JS. */
    static String toLatin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static byte[] copy(Value buffer, long offset, int length) {
        byte[] out = new byte[length];
        buffer.readBuffer(offset, out, 0, length);
        return out;
    }
}
