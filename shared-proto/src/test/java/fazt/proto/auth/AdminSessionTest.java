package fazt.proto.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminSessionTest {
    @Test
    void theCsrfTokenIsStablePerSessionAndDiffersBetweenSessions() {
        assertThat(AdminSession.csrfToken("fzs_a"))
                .isEqualTo(AdminSession.csrfToken("fzs_a"))
                .isNotEqualTo(AdminSession.csrfToken("fzs_b"))
                .hasSize(43)
                .doesNotContain("fzs_a");
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
