package fazt.proto.runtime;

/** One HTTP header line; a list of them keeps order and repeated names (several {@code Set-Cookie}). */
public record HttpHeader(String name, String value) {}
