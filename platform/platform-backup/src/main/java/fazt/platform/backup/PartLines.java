package fazt.platform.backup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a part line by line as raw bytes (rows go to COPY unchanged), each line at most {@link #MAX_LINE} bytes. */
final class PartLines {
    /** One row of a table; far above the largest row fazt writes (a blob chunk as hex). */
    static final int MAX_LINE = 64 * 1024 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;

    PartLines(InputStream in) {
        this.in = in;
    }

    /** The next line without its newline, or null at the end of the part. A last line without newline is cut. */
    byte[] next() throws IOException {
        ByteArrayOutputStream line = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (line != null && line.size() > 0) {
                        throw new PartRefused(PartRefused.MALFORMED, "the part ends in the middle of a line");
                    }
                    return null;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            if (line == null) {
                line = new ByteArrayOutputStream(Math.max(128, position - start));
            }
            line.write(buffer, start, position - start);
            if (line.size() > MAX_LINE) {
                throw new PartRefused(
                        PartRefused.MALFORMED, "a line of the part is longer than " + MAX_LINE + " bytes");
            }
            if (position < limit) {
                position++; // the newline
                return line.toByteArray();
            }
        }
    }

    /** The next line as text; a cut part is refused. */
    String text() throws IOException {
        byte[] line = next();
        if (line == null) {
            throw new PartRefused(PartRefused.MALFORMED, "the part ends before its end line");
        }
        return new String(line, StandardCharsets.UTF_8);
    }
}
