package fazt.platform.bodystream;

/** One piece of a streamed body, in order; {@code last} marks the end of the body (a last chunk may be empty). */
public record Chunk(byte[] data, boolean last) {
    /** The empty last chunk: the body ends here. */
    public static final Chunk END = new Chunk(new byte[0], true);

    public Chunk {
        data = data == null ? new byte[0] : data;
    }
}
