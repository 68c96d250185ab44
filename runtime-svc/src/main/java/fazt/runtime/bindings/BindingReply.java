package fazt.runtime.bindings;

/** What a binding call hands back to JavaScript: a JSON text and, for byte values, the raw bytes (else null). */
public record BindingReply(String json, byte[] data) {}
