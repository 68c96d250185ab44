package fazt.proto.runtime;

import java.util.List;

/**
 * The answer of {@code GET /api/apps/{name}/logs}: lines oldest first; pass {@code cursor} as {@code after} to
 * continue; {@code more} says whether stored lines remain after the cursor (false: the reader has caught up).
 */
public record LogPage(List<LogLineView> lines, String cursor, boolean more) {}
