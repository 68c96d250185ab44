package fazt.mail.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message's {@code DATA} (already dot-unstuffed, ended by the server at {@code CRLF.CRLF} only) to its end,
 * keeping at most {@code maxBytes}: it notes a bare LF (not after CR) or a bare CR (not before LF), which is how
 * SMTP smuggling hides a second message in the first, and a message over the size limit. Either way it reads to the
 * end, so the session stays in step with the client, and keeps nothing more. {@code deadline} bounds the whole read.
 */
final class DataReader {
    /** The data, or why it is refused. */
    record Data(byte[] bytes, long size, boolean bareLineEnding, boolean tooBig) {}

    /** The DATA took longer than the data timeout. */
    static final class TooSlow extends IOException {
        TooSlow() {
            super("data timeout");
        }
    }

    private DataReader() {}

    /** Reads the data after {@code prefix} (the trace header), which is kept first and not counted. */
    static Data read(InputStream in, byte[] prefix, int maxBytes, long deadlineNanos) throws IOException {
        ByteArrayOutputStream kept = new ByteArrayOutputStream(8192);
        kept.write(prefix);
        byte[] buffer = new byte[16384];
        long size = 0;
        boolean bare = false;
        boolean tooBig = false;
        int previous = -1;
        int n;
        while ((n = in.read(buffer)) != -1) {
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new TooSlow();
            }
            for (int i = 0; i < n && !bare; i++) {
                int b = buffer[i] & 0xff;
                if (b == '\n' && previous != '\r') {
                    bare = true;
                } else if (previous == '\r' && b != '\n') {
                    bare = true;
                }
                previous = b;
            }
            size += n;
            if (size > maxBytes) {
                tooBig = true;
            }
            if (!tooBig && !bare) {
                kept.write(buffer, 0, n);
            }
        }
        if (previous == '\r') {
            bare = true;
        }
        return new Data(tooBig || bare ? new byte[0] : kept.toByteArray(), size, bare, tooBig);
    }
}
