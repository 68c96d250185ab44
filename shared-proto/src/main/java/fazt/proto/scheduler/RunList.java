package fazt.proto.scheduler;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code GET /api/apps/{name}/runs}: a page of runs, newest first; {@code nextCursor} is null on the last page. */
public record RunList(
        List<RunView> runs,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}
