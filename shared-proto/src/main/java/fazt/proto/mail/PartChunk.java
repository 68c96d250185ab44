package fazt.proto.mail;

import fazt.proto.MessageType;
import java.util.Arrays;
import java.util.Objects;

/** Bytes of a {@link PartRequest}: {@code data} from {@code offset}; {@code total} is the part's whole length. */
@MessageType("mail.part_chunk.v1")
public record PartChunk(long offset, long total, byte[] data) {
    @Override
    public boolean equals(Object o) {
        return o instanceof PartChunk c && offset == c.offset && total == c.total && Arrays.equals(data, c.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(offset, total) * 31 + Arrays.hashCode(data);
    }
}
