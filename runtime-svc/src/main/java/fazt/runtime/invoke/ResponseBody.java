package fazt.runtime.invoke;

import java.io.IOException;
import java.util.Arrays;

/**
 * A response body produced as it is read. The transport calls {@link #next} from one thread at a time, in order,
 * as the reader pulls, so a streamed JavaScript body is produced no faster than the client takes it.
 */
public interface ResponseBody extends AutoCloseable {
    /** The next chunk of at most {@code maxBytes} bytes, or null at the end. May block until the app produced it. */
    byte[] next(int maxBytes) throws IOException;

    /**
     * The whole length in bytes when known, else -1 (a body the app is still writing). When the first chunk already
     * holds the whole known length the transport sends it inline and opens no stream; otherwise it opens a stream
     * after the first chunk, which costs the reader one more pull to learn the end.
     */
    default long length() {
        return -1;
    }

    /** Releases what the body holds (the app's stream is cancelled if not read to the end). Idempotent. */
    @Override
    void close();

    /** A body whose bytes are all known. */
    static ResponseBody of(byte[] bytes) {
        return new ResponseBody() {
            private int offset;

            @Override
            public byte[] next(int maxBytes) {
                if (offset >= bytes.length) {
                    return null;
                }
                int n = Math.min(maxBytes, bytes.length - offset);
                byte[] chunk = Arrays.copyOfRange(bytes, offset, offset + n);
                offset += n;
                return chunk;
            }

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void close() {
                offset = bytes.length;
            }
        };
    }
}
