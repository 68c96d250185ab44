package fazt.gateway.routing;

import fazt.proto.storage.VfsFile;

/**
 * What to answer for a path of a site: a file with a status (200, or 404 for the site's own {@code 404.html}), a
 * redirect, or nothing at all (then the {@code 404} app answers).
 */
public sealed interface Resolution {
    record File(VfsFile file, int status) implements Resolution {}

    record Redirect(String location, int status) implements Resolution {}

    record Missing() implements Resolution {}
}
