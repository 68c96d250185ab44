package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without FAZT_ADMIN_TOKEN, a token is generated once and only its hash is stored. */
class BootstrapTokenGeneratedIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new AuthService());

    @Test
    void onlyAHashOfTheGeneratedTokenIsStored() throws Exception {
        try (var c = suite.postgres().connect();
                Statement s = c.createStatement()) {
            ResultSet r = s.executeQuery("SELECT length(token_hash) FROM auth.bootstrap_token");
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(32);
        }
    }
}
