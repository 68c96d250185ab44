package fazt.runtime.bindings;

/** What a binding call hands back to JavaScript: a JSON text and, for byte values, the raw bytes (else null). */
public record BindingReply(String json, byte[] data) {
    /** Bytes the reply holds on the heap (UTF-16 JSON text and the data), what the invocation is charged for it. */
    public long size() {
        return (json == null ? 0L : 2L * json.length()) + (data == null ? 0 : data.length);
    }
}
