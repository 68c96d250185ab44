package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import fazt.proto.admin.AdminResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CA unreachable (ADR 28): the first visitor of an allowed name is still answered, over the self-signed fallback;
 * the failure and its reason are visible in {@code GET /api/certificates}; the next visitor does not cause another
 * order before the back-off is over.
 */
class AcmeDownIT {
    @RegisterExtension
    static final HttpsFixture gateway = HttpsFixture.withTheCaDown();

    @Test
    void requestsAreAnsweredOverTheFallbackAndTheFailureIsVisibleAndBackedOff() throws Exception {
        String name = "admin." + HttpsFixture.DOMAIN;
        HttpsFixture.Answer first = gateway.httpsAcceptingAnyCertificate(name, "/api/openapi.json");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.chain().getFirst().getSubjectX500Principal().getName()).contains("fazt self-signed fallback");

        JsonNode admin = certificate(name);
        assertThat(admin.get("name").asText()).isEqualTo(name);
        assertThat(admin.get("state").asText()).isEqualTo("failed");
        assertThat(admin.get("attempts").asInt()).isEqualTo(1);
        assertThat(admin.get("lastError").asText()).isNotBlank();
        assertThat(admin.get("nextAttempt").isNull()).isFalse();

        HttpsFixture.Answer second = gateway.httpsAcceptingAnyCertificate(name, "/api/openapi.json");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.chain().getFirst()).isEqualTo(first.chain().getFirst());
        assertThat(certificate(name).get("attempts").asInt())
                .as("backed off: no new order")
                .isEqualTo(1);
    }

    /** The admin API's entry for {@code name} (the SMTP host name, ordered at start, has one too). */
    private static JsonNode certificate(String name) throws Exception {
        for (JsonNode entry : certificates().get("certificates")) {
            if (entry.get("name").asText().equals(name)) {
                return entry;
            }
        }
        throw new AssertionError("no entry for " + name + " in " + certificates());
    }

    private static JsonNode certificates() throws Exception {
        AdminResponse response = (AdminResponse) gateway.admin("GET", "/certificates", null);
        assertThat(response.status()).isEqualTo(200);
        return MessageCodec.INSTANCE.mapper().readTree(response.body());
    }
}
