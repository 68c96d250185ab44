package fazt.proto.runtime;

import java.util.List;

/**
 * The answer of {@code GET /api/apps/{name}/requests}: the most recent invocations, newest first; {@code truncated}
 * when the scan cap stopped the search before {@code limit} were found.
 */
public record RequestList(List<RequestView> requests, boolean truncated) {}
