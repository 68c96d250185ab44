package fazt.auth;

import static fazt.auth.AccountsFixture.BOOTSTRAP;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.auth.Principal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a token owns and mints: a bootstrap-minted token sees only its own, and no child outlives the token that made it. */
class TokenOwnershipIT {
    @RegisterExtension
    static final AccountsFixture accounts = new AccountsFixture();

    static List<String> listedIds(Principal who) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        accounts.api()
                .call("GET", "/tokens", null, who)
                .json()
                .path("tokens")
                .forEach(t -> ids.add(t.path("id").asText()));
        return ids;
    }

    @Test
    void aTokenMintedWithTheBootstrapTokenOwnsOnlyWhatItMints() throws Exception {
        AdminCalls.Answer operator =
                accounts.api().call("POST", "/tokens", "{\"name\":\"operator\",\"scopes\":[\"admin\"]}", BOOTSTRAP);
        AdminCalls.Answer logs =
                accounts.api().call("POST", "/tokens", "{\"name\":\"logs\",\"scopes\":[\"logs:blog\"]}", BOOTSTRAP);
        String operatorId = operator.json().path("id").asText();
        Principal logsToken = accounts.principalOf(logs.json().path("token").asText());
        assertThat(logsToken.credential()).isEqualTo(logs.json().path("id").asText());

        assertThat(listedIds(BOOTSTRAP))
                .contains(operatorId, logs.json().path("id").asText());
        assertThat(listedIds(logsToken)).doesNotContain(operatorId);
        assertThat(accounts.api()
                        .call("GET", "/tokens?all=true", null, logsToken)
                        .status())
                .isEqualTo(403);
        assertThat(accounts.api()
                        .call("DELETE", "/tokens/" + operatorId, null, logsToken)
                        .status())
                .as("another credential's token is not found")
                .isEqualTo(404);
        assertThat(accounts.principalOf(operator.json().path("token").asText())).isNotNull();

        AdminCalls.Answer child =
                accounts.api().call("POST", "/tokens", "{\"name\":\"child\",\"scopes\":[\"logs:blog\"]}", logsToken);
        assertThat(child.status()).isEqualTo(201);
        String childId = child.json().path("id").asText();
        assertThat(listedIds(logsToken)).containsExactly(childId);
        assertThat(listedIds(BOOTSTRAP)).doesNotContain(childId);
        assertThat(accounts.api()
                        .call("DELETE", "/tokens/" + childId, null, logsToken)
                        .status())
                .isEqualTo(200);
    }

    @Test
    void aTokenCannotMintAChildThatOutlivesIt() throws Exception {
        AdminCalls.Answer parent = accounts.api()
                .call("POST", "/tokens", "{\"name\":\"parent\",\"scopes\":[\"read\"],\"expiresInDays\":2}", BOOTSTRAP);
        java.time.Instant parentExpiry =
                java.time.Instant.parse(parent.json().path("expiresAt").asText());
        Principal who = accounts.principalOf(parent.json().path("token").asText());

        AdminCalls.Answer forever =
                accounts.api().call("POST", "/tokens", "{\"name\":\"forever\",\"scopes\":[\"read\"]}", who);
        assertThat(forever.status()).isEqualTo(201);
        assertThat(java.time.Instant.parse(forever.json().path("expiresAt").asText()))
                .isEqualTo(parentExpiry);
        AdminCalls.Answer longer = accounts.api()
                .call("POST", "/tokens", "{\"name\":\"longer\",\"scopes\":[\"read\"],\"expiresInDays\":30}", who);
        assertThat(java.time.Instant.parse(longer.json().path("expiresAt").asText()))
                .isEqualTo(parentExpiry);
        AdminCalls.Answer shorter = accounts.api()
                .call("POST", "/tokens", "{\"name\":\"shorter\",\"scopes\":[\"read\"],\"expiresInDays\":1}", who);
        assertThat(java.time.Instant.parse(shorter.json().path("expiresAt").asText()))
                .isBefore(parentExpiry);
    }
}
