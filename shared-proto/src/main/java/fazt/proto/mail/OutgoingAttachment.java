package fazt.proto.mail;

import java.util.Arrays;
import java.util.Objects;

/**
 * One attachment of a {@link SendBody}: {@code filename}, {@code contentType} (guessed from the name when null),
 * {@code content} (base64 in JSON), and {@code contentId} for an inline part an HTML body refers to as {@code cid:}.
 */
public record OutgoingAttachment(String filename, String contentType, byte[] content, String contentId) {
    @Override
    public boolean equals(Object o) {
        return o instanceof OutgoingAttachment a
                && Objects.equals(filename, a.filename)
                && Objects.equals(contentType, a.contentType)
                && Arrays.equals(content, a.content)
                && Objects.equals(contentId, a.contentId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(filename, contentType, contentId) * 31 + Arrays.hashCode(content);
    }
}
