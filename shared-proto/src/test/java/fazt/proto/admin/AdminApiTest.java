package fazt.proto.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.ServiceName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The suite's table: which service owns a path, and which calls need no caller. */
class AdminApiTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "/apps, deploy",
        "/apps/blog, deploy",
        "/apps/blog/, deploy",
        "/apps/blog/versions, deploy",
        "/apps/blog/env/KEY, deploy",
        "/apps/blog/files/css/site.css, deploy",
        "/apps/blog/logs, runtime",
        "/apps/blog/logs/, runtime",
        "/apps/blog/requests, runtime",
        "/apps/blog/metrics, runtime",
        "/apps/blog/runs, scheduler",
        "/apps/blog/schedules, scheduler",
        "/apps/blog/hooks, scheduler",
        "/apps/blog/hooks/github, scheduler",
        "/apps/runs, deploy",
        "/apps/logs, deploy",
        "/runs/r_1, scheduler",
        "/runs/r_1/replay, scheduler",
        "/auth/login, auth",
        "/users/bob, auth",
        "/users/bob/disable, auth",
        "/tokens, auth",
        "/settings/signup, auth",
        "/me, auth",
        "/backups, storage",
        "/backups/fazt-backup-20261208-011500.tar.gz/verify, storage",
        "/apps/blog/auth/providers, auth",
        "/apps/blog/auth/providers/google, auth",
        "/apps/blog/auth/access, auth",
        "/apps/blog/authx, ''",
        "/apps/blog/logs/x, ''",
        "/runs, ''",
        "/settings, ''",
        "'', ''",
        "/, ''",
        "/nothing, ''"
    })
    void pathsGoToTheServiceWhoseTableDeclaresThem(String path, String owner) {
        ServiceName found = AdminApi.TABLE.ownerOf(path);
        assertThat(found == null ? "" : found.id()).isEqualTo(owner);
    }

    @ParameterizedTest(name = "{0} {1} public: {2}")
    @CsvSource({
        "POST,/auth/login,true",
        "POST,/auth/signup,true",
        "POST,/auth/setup,true",
        "POST,/auth/login/,true",
        "GET,/auth/login,false",
        "POST,/auth/logout,false",
        "POST,/auth/login/x,false",
        "POST,/users,false",
        "GET,/apps,false"
    })
    void onlyLoginSignupAndSetupArePublic(String method, String path, boolean open) {
        assertThat(AdminApi.TABLE.isPublic(method, path)).isEqualTo(open);
    }

    @Test
    void everyRouteDeclaresItsSuccessStatusesAndOnlyBodilessOnesLackARecord() {
        for (AdminRoute route : AdminApi.TABLE.routes()) {
            assertThat(route.answers()).as(route.key()).isNotEmpty();
            for (AdminRoute.Answer answer : route.answers()) {
                // Without a record: a 204, or the routes answering a file's or a message's bytes.
                if (answer.type() == null && answer.status() != 204) {
                    assertThat(route.key())
                            .isIn(
                                    "GET /apps/{name}/files/{path+}",
                                    "GET /mail/messages/{id}/raw",
                                    "GET /mail/messages/{id}/attachments/{index}");
                }
            }
        }
    }

    @Test
    void aRouteRefusesANonSuccessStatusA204WithABodyAndAStatusTwice() {
        AdminRoute route = AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps", "read", "a");
        assertThatThrownBy(() -> route.answers(302)).hasMessageContaining("2xx");
        assertThatThrownBy(() -> route.returns(204, AdminRoute.Answer.class)).hasMessageContaining("204");
        assertThatThrownBy(() -> route.answers(200).answers(200)).hasMessageContaining("twice");
        assertThatThrownBy(() -> route.accepts(String.class)).hasMessageContaining("record");
    }
}
