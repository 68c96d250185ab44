package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;
import static fazt.mail.MailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.scheduler.EmailEnqueueRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mail arriving over SMTP from a real client (Angus Mail over STARTTLS with the self-signed certificate): to an
 * app's private address, to a manifest address at a custom domain mapped to the app, to a claimed catch-all; each
 * stored before 250, listed in the app's mailbox, and handed to the scheduler for the app's email handler.
 */
class MailInboundIT {
    @RegisterExtension
    static final MailFixture mail = new MailFixture();

    @Test
    void privateManifestAndCatchAllAddressesDeliverToTheAppAndItsHandler() throws Exception {
        mail.app("a_Shop1", "shop", List.of("support"), true);
        mail.domain("shop.example", "a_Shop1", "shop");
        mail.admin("POST", "/mail/addresses", Map.of(), "{\"address\": \"*@shop.example\", \"app\": \"shop\"}");

        mail.send(mail.text("alice@client.test", "private", "to the id"), "a_shop1@" + MAIL_DOMAIN);
        mail.send(mail.text("alice@client.test", "manifest", "to support"), "Support@Shop.Example");
        mail.send(mail.text("alice@client.test", "catch-all", "to anyone"), "whoever@shop.example");

        JsonNode list = mail.waitForMessages("shop", 3);
        assertThat(list.path("messages").findValuesAsText("subject"))
                .containsExactly("catch-all", "manifest", "private");
        assertThat(list.path("messages").findValuesAsText("to"))
                .containsExactly("whoever@shop.example", "support@shop.example", "a_shop1@" + MAIL_DOMAIN);
        assertThat(list.path("messages").get(0).path("mailbox").asText()).isEqualTo("app:a_Shop1");
        assertThat(list.path("messages").get(0).path("mailFrom").asText()).isEqualTo("sender@client.test");

        MailFixture.waitFor(() -> mail.scheduler().requests().size() >= 3, Duration.ofSeconds(10));
        EmailEnqueueRequest asked = mail.scheduler().requests().stream()
                .filter(r -> r.subject().equals("manifest"))
                .findFirst()
                .orElseThrow();
        assertThat(asked.appId()).isEqualTo("a_Shop1");
        assertThat(asked.name()).isEqualTo("shop");
        assertThat(asked.to()).isEqualTo("support@shop.example");
        assertThat(asked.mailFrom()).isEqualTo("sender@client.test");
        MailFixture.waitFor(
                () -> mail.messages("shop").path("messages").findValuesAsText("status").stream()
                        .allMatch("delivered"::equals),
                Duration.ofSeconds(10));

        JsonNode app = json(mail.admin("GET", "/apps/shop/mail", Map.of(), null));
        assertThat(app.path("address").asText()).isEqualTo("a_shop1@" + MAIL_DOMAIN);
        assertThat(app.path("total").asLong()).isEqualTo(3);
        assertThat(app.path("unread").asLong()).isEqualTo(3);
        assertThat(app.path("addresses").findValuesAsText("address"))
                .containsExactly("a_shop1@" + MAIL_DOMAIN, "*@shop.example", "support@shop.example");
    }

    @Test
    void anAppWithoutServerCodeKeepsItsMailStoredAndPostmasterReachesTheAdminMailbox() throws Exception {
        mail.app("a_static", "static", List.of(), false);
        mail.send(mail.text("bob@client.test", "static mail", "no handler"), "a_static@" + MAIL_DOMAIN);
        mail.send(mail.text("bob@client.test", "hello postmaster", "rfc 5321"), "postmaster@" + MAIL_DOMAIN);

        JsonNode list = mail.waitForMessages("static", 1);
        assertThat(list.path("messages").get(0).path("status").asText()).isEqualTo("stored");
        assertThat(mail.scheduler().requests()).noneMatch(r -> r.appId().equals("a_static"));

        JsonNode admin = json(mail.admin(
                "GET", "/mail/messages", Map.of("mailbox", List.of("user:admin"), "q", List.of("postmaster")), null));
        assertThat(admin.path("messages").findValuesAsText("subject")).containsExactly("hello postmaster");
    }
}
