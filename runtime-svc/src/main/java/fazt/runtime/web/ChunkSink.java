package fazt.runtime.web;

/** Receives the outcome of one {@link WebBridge#readChunk}: exactly one of the three methods is called, on the context thread. */
public interface ChunkSink {
    /** The next chunk of the body (never empty-null; may have length 0). */
    void chunk(byte[] bytes);

    /** The stream closed: no more chunks. */
    void end();

    /** The stream errored; {@code message} is the JS error with its stack. */
    void error(String message);
}
