package fazt.gateway.admin;

import fazt.proto.admin.AdminSubjects;
import java.util.Locale;

/**
 * The one rule for admin request bodies: text (JSON or {@code text/*}, or no type) up to
 * {@link AdminSubjects#MAX_INLINE_BODY} travels inline; anything binary or larger is streamed to storage first.
 */
public final class AdminBodies {
    private AdminBodies() {}

    /** Whether a body of this content type and length (-1 when unknown) goes inline. */
    public static boolean inline(String contentType, long length) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        boolean text = type.isEmpty() || type.startsWith("application/json") || type.startsWith("text/");
        return text && length <= AdminSubjects.MAX_INLINE_BODY;
    }
}
