package fazt.proto.scheduler;

import java.util.List;

/** {@code GET /api/runs/{id}}: a run, the request its handler got, and its attempts. */
public record RunDetail(RunView run, PayloadView payload, List<AttemptView> attempts) {}
