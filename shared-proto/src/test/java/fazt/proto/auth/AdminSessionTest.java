package fazt.proto.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminSubjects;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdminSessionTest {
    @Test
    void theCsrfTokenIsStablePerSessionAndDiffersBetweenSessions() {
        assertThat(AdminSession.csrfToken("fzs_a")).isEqualTo(AdminSession.csrfToken("fzs_a"))
                .isNotEqualTo(AdminSession.csrfToken("fzs_b")).hasSize(43).doesNotContain("fzs_a");
    }

    @ParameterizedTest
    @CsvSource({"POST,/auth/login,true", "POST,/auth/signup,true", "POST,/auth/setup,true", "GET,/auth/login,false",
            "POST,/auth/logout,false", "POST,/auth/login/x,false", "POST,/users,false"})
    void onlyLoginSignupAndSetupArePublic(String method, String path, boolean open) {
        assertThat(AdminSession.isPublic(method, path)).isEqualTo(open);
    }

    @ParameterizedTest
    @CsvSource({"/auth/login,AUTH", "/users/bob,AUTH", "/tokens,AUTH", "/settings/signup,AUTH", "/me,AUTH",
            "/apps/blog,DEPLOY", "/apps/blog/logs,RUNTIME", "/apps/blog/auth/providers,AUTH",
            "/apps/blog/auth/providers/google,AUTH", "/apps/blog/authx,DEPLOY"})
    void authPathsBelongToAuth(String path, ServiceName owner) {
        assertThat(AdminSubjects.ownerOf(path)).isEqualTo(owner);
    }

    @Test
    void aRevocationAffectsItsCredentialOrEverythingOfItsSubject() {
        Principal session = new Principal("u_1", "ana", List.of("admin"), "s_1");
        Principal token = new Principal("u_1", "ana", List.of("admin"), "t_1");
        Principal other = new Principal("u_2", "bob", List.of("admin"), "t_2");
        AccessRevoked one = new AccessRevoked("e", "u_1", "t_1", Instant.EPOCH);
        AccessRevoked all = new AccessRevoked("e", "u_1", null, Instant.EPOCH);
        assertThat(one.affects(token)).isTrue();
        assertThat(one.affects(session)).isFalse();
        assertThat(all.affects(session)).isTrue();
        assertThat(all.affects(token)).isTrue();
        assertThat(all.affects(other)).isFalse();
    }
}
