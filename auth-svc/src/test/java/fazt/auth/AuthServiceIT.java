package fazt.auth;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.ServiceContract;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import io.nats.client.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AuthServiceIT implements ServiceContract {
    static final String TOKEN = "it-admin-token-0123456789abcdef";

    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new AuthService()).with("FAZT_ADMIN_TOKEN", TOKEN);

    @Override
    public TestSuite suite() {
        return suite;
    }

    @Override
    public ServiceName service() {
        return ServiceName.AUTH;
    }

    private TokenVerifyReply verify(String token) throws Exception {
        try (Connection nats = suite.nats().connect()) {
            return new NatsRequester(nats, suite.nats().root())
                    .request(
                            AuthSubjects.TOKEN_VERIFY,
                            new TokenVerifyRequest(token),
                            TokenVerifyReply.class,
                            Duration.ofSeconds(5))
                    .get();
        }
    }

    @Test
    void theConfiguredBootstrapTokenIsAnAdmin() throws Exception {
        TokenVerifyReply reply = verify(TOKEN);
        assertThat(reply.valid()).isTrue();
        assertThat(reply.principal().allows("deploy:anything")).isTrue();
    }

    @Test
    void anyOtherTokenIsInvalidWithoutSayingWhy() throws Exception {
        for (String bad : new String[] {"", "x", TOKEN + "x", TOKEN.toUpperCase()}) {
            TokenVerifyReply reply = verify(bad);
            assertThat(reply.valid()).as(bad).isFalse();
            assertThat(reply.principal()).isNull();
        }
    }
}
