package fazt.auth;

import static fazt.auth.AccountsFixture.BOOTSTRAP;
import static fazt.auth.AccountsFixture.PASSWORD;
import static fazt.auth.AccountsFixture.sessionOf;
import static fazt.auth.AccountsFixture.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import fazt.proto.auth.AccessRevoked;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import io.nats.client.Message;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scoped tokens: shown once, limited to their creator's scopes, expiring, revocable with an event, bought with the password for the CLI. */
class AccountTokensIT {
    @RegisterExtension
    static final AccountsFixture accounts = new AccountsFixture();

    @Test
    void aTokenIsShownOnceCarriesTheServerUrlAndIsRevocableWithAnEvent() throws Exception {
        AdminCalls.Answer created = accounts.api()
                .call(
                        "POST",
                        "/tokens",
                        "{\"name\":\"deploy blog\",\"scopes\":[\"deploy:blog\",\"logs:blog\"],\"expiresInDays\":30}",
                        BOOTSTRAP);
        assertThat(created.status()).isEqualTo(201);
        String token = created.json().path("token").asText();
        String url = token.substring(5, token.lastIndexOf('_'));
        assertThat(new String(Base64.getUrlDecoder().decode(url), StandardCharsets.UTF_8))
                .isEqualTo("https://admin.example.test");
        Principal who = accounts.principalOf(token);
        assertThat(who.scopes()).containsExactly("deploy:blog", "logs:blog");
        assertThat(who.allows("deploy:blog")).isTrue();
        assertThat(who.allows("deploy:shop")).isFalse();
        String id = created.json().path("id").asText();
        JsonNode listed =
                accounts.api().call("GET", "/tokens", null, BOOTSTRAP).json().path("tokens");
        JsonNode mine = null;
        for (JsonNode t : listed) {
            if (t.path("id").asText().equals(id)) {
                mine = t;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.has("token")).as("the secret is shown only at creation").isFalse();
        assertThat(mine.path("lastUsedAt").isNull()).isFalse();
        {
            Subscription events = accounts.api()
                    .nats()
                    .subscribe(accounts.suite().nats().root().qualify(AuthSubjects.TOKEN_REVOKED));
            assertThat(accounts.api()
                            .call("DELETE", "/tokens/" + id, null, BOOTSTRAP)
                            .json()
                            .path("status")
                            .asText())
                    .isEqualTo("revoked");
            Message m = events.nextMessage(Duration.ofSeconds(5));
            assertThat(MessageCodec.INSTANCE
                            .decode(m.getData(), AccessRevoked.class)
                            .credential())
                    .isEqualTo(id);
        }
        assertThat(accounts.principalOf(token)).isNull();
    }

    @Test
    void aTokenCannotHoldMoreThanItsCreatorAndBadScopesAreRefused() throws Exception {
        String dev = uniqueName();
        accounts.createDeveloper(dev);
        Principal who = accounts.principalOf(sessionOf(accounts.login(dev, PASSWORD, "192.0.2.50")));
        assertThat(accounts.api()
                        .call("POST", "/tokens", "{\"name\":\"x\",\"scopes\":[\"admin\"]}", who)
                        .status())
                .isEqualTo(403);
        AdminCalls.Answer bad =
                accounts.api().call("POST", "/tokens", "{\"name\":\"x\",\"scopes\":[\"deploy:Bad App\"]}", who);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("scopes");
        assertThat(accounts.api()
                        .call(
                                "POST",
                                "/tokens",
                                "{\"name\":\"x\",\"scopes\":[\"deploy:blog\"],\"expiresAt\":\"2001-01-01T00:00:00Z\"}",
                                who)
                        .status())
                .isEqualTo(400);
        assertThat(accounts.api()
                        .call("POST", "/tokens", "{\"name\":\"x\",\"scopes\":[\"deploy:blog\"]}", who)
                        .status())
                .isEqualTo(201);
    }

    @Test
    void anExpiredTokenIsInvalid() throws Exception {
        AdminCalls.Answer created =
                accounts.api().call("POST", "/tokens", "{\"name\":\"short\",\"scopes\":[\"read\"]}", BOOTSTRAP);
        String token = created.json().path("token").asText();
        assertThat(accounts.principalOf(token)).isNotNull();
        try (var c = accounts.suite().postgres().connect();
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE auth.api_token SET expires_at = now() - interval '1 second' WHERE id = '"
                    + created.json().path("id").asText() + "'");
        }
        assertThat(accounts.principalOf(token)).isNull();
    }

    @Test
    void thePasswordCanBuyATokenForTheCliInsteadOfASession() throws Exception {
        String dev = uniqueName();
        accounts.createDeveloper(dev);
        AdminCalls.Answer answer = accounts.api()
                .call(
                        "POST",
                        "/auth/login",
                        "{\"username\":\"" + dev + "\",\"password\":\"" + PASSWORD
                                + "\",\"tokenName\":\"fazt CLI\",\"expiresInDays\":90}",
                        null,
                        "192.0.2.70");
        assertThat(answer.status()).isEqualTo(201);
        assertThat(answer.headers()).doesNotContainKey("Set-Cookie");
        Principal who = accounts.principalOf(answer.json().path("token").asText());
        assertThat(who.scopes()).containsExactly("deploy:*", "logs:*");
        assertThat(who.credential()).startsWith("t_");
        AdminCalls.Answer wrong = accounts.api()
                .call(
                        "POST",
                        "/auth/login",
                        "{\"username\":\"" + dev + "\",\"password\":\"wrong password\",\"tokenName\":\"fazt CLI\"}",
                        null,
                        "192.0.2.70");
        assertThat(wrong.status()).isEqualTo(401);
    }
}
