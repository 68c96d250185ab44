package fazt.proto.admin;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.ServiceName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminSubjectsTest {
    @ParameterizedTest
    @CsvSource({
            "/apps, deploy",
            "/apps/blog, deploy",
            "/apps/blog/versions, deploy",
            "/apps/blog/env/KEY, deploy",
            "/apps/blog/logs, runtime",
            "/apps/blog/runs, scheduler",
            "/apps/blog/schedules, scheduler",
            "/apps/blog/hooks, scheduler",
            "/apps/blog/hooks/github, scheduler",
            "/apps/runs, deploy",
            "/runs/r_1, scheduler",
            "/runs/r_1/replay, scheduler",
            "/nothing, ''"})
    void pathsGoToTheirOwner(String path, String owner) {
        ServiceName found = AdminSubjects.ownerOf(path);
        assertThat(found == null ? "" : found.id()).isEqualTo(owner);
    }
}
