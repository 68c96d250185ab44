package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code fazt mail send|relay|addresses}: what they send (the golden request shapes) and print. */
class MailAdminCommandsTest {
    @RegisterExtension
    final FakeServerExtension cli = new FakeServerExtension();

    private JsonNode sentJson() throws Exception {
        return AdminClient.JSON.readTree(cli.server().last().body());
    }

    @Test
    void sendPostsTheMessageWithAttachmentsAndPrintsItsOutboundId() throws Exception {
        cli.server().json("POST /api/mail/send", 202, Golden.json("SendAnswer"));
        Path html = Files.writeString(cli.home().resolve("body.html"), "<p>Shipped.</p>");
        Path invoice = Files.writeString(cli.home().resolve("invoice.txt"), "hello");

        CliRun run = cli.run(
                "mail",
                "send",
                "--from",
                "support@shop.example.com",
                "--to",
                "alice@example.org",
                "--to",
                "bob@example.org",
                "--cc",
                "carol@example.org",
                "--subject",
                "Re: Order 42",
                "--text",
                "Shipped.",
                "--html-file",
                html.toString(),
                "--attach",
                invoice.toString());

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo("queued o_5Hn2Wq (queued), Message-ID <o_5Hn2Wq@mail.example.com>; "
                        + "follow it with: fazt mail outbound o_5Hn2Wq\n");
        JsonNode body = sentJson();
        JsonNode golden = AdminClient.JSON.readTree(Golden.json("SendBody"));
        // Every field sent is one the server's SendBody has.
        body.fieldNames().forEachRemaining(f -> assertThat(golden.has(f)).as(f).isTrue());
        assertThat(body.path("from").asText()).isEqualTo("support@shop.example.com");
        assertThat(body.path("to").toString()).isEqualTo("[\"alice@example.org\",\"bob@example.org\"]");
        assertThat(body.path("cc").toString()).isEqualTo("[\"carol@example.org\"]");
        assertThat(body.path("bcc").isEmpty()).isTrue();
        assertThat(body.path("subject").asText()).isEqualTo("Re: Order 42");
        assertThat(body.path("text").asText()).isEqualTo("Shipped.");
        assertThat(body.path("html").asText()).isEqualTo("<p>Shipped.</p>");
        JsonNode attachment = body.path("attachments").get(0);
        assertThat(attachment.path("filename").asText()).isEqualTo("invoice.txt");
        assertThat(Base64.getDecoder().decode(attachment.path("content").asText()))
                .isEqualTo("hello".getBytes(StandardCharsets.UTF_8));
        attachment.fieldNames().forEachRemaining(f -> assertThat(
                        golden.path("attachments").get(0).has(f))
                .as(f)
                .isTrue());
    }

    @Test
    void sendReadsTheTextFromStdinAndRefusesTwoTexts() throws Exception {
        cli.server().json("POST /api/mail/send", 202, Golden.json("SendAnswer"));

        CliRun run = cli.runWithInput(
                "Hello from a pipe\n",
                "mail",
                "send",
                "--from",
                "a@example.com",
                "--to",
                "b@example.org",
                "--text-file",
                "-");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(sentJson().path("text").asText()).isEqualTo("Hello from a pipe\n");
        CliRun both = cli.run(
                "mail", "send", "--from", "a@example.com", "--to", "b@example.org", "--text", "x", "--text-file", "-");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
        assertThat(cli.run("mail", "send", "--from", "a@example.com").exit()).isEqualTo(2);
    }

    @Test
    void aRefusedSendIsOneLineNamingTheField() {
        cli.server()
                .problem(
                        "POST /api/mail/send",
                        400,
                        "{\"type\":\"https://errors.fazt.dev/mail/invalid-address\",\"title\":\"Invalid address\","
                                + "\"status\":400,\"detail\":\"Not an address.\",\"errors\":[{\"field\":\"to[0]\","
                                + "\"message\":\"not an address\"}]}");

        CliRun run = cli.run("mail", "send", "--from", "a@example.com", "--to", "nope", "--text", "x");

        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("fazt: Not an address: to[0]: not an address (mail/invalid-address)\n");
    }

    @Test
    void relaySetReadsThePasswordFromStdinOnlyAndShowNeverPrintsIt() throws Exception {
        cli.server().json("PUT /api/mail/relay", 200, Golden.json("RelayView"));

        CliRun run = cli.runWithInput(
                "s3cret\n",
                "mail",
                "relay",
                "set",
                "--host",
                "smtp.relay.example",
                "--port",
                "587",
                "--tls",
                "starttls",
                "--user",
                "fazt",
                "--password-stdin");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(sentJson()).isEqualTo(AdminClient.JSON.readTree(Golden.json("RelayBody")));
        assertThat(run.out()).isEqualTo("relay set: smtp.relay.example:587 (starttls), user fazt, password set\n");

        cli.server().json("GET /api/mail/relay", 200, Golden.json("RelayView"));
        CliRun show = cli.run("mail", "relay", "show");
        assertThat(show.out())
                .startsWith("smtp.relay.example:587 (starttls), user fazt, password set\n")
                .doesNotContain("s3cret");

        assertThat(cli.run("mail", "relay", "set", "--host", "h", "--password", "s3cret")
                        .exit())
                .isEqualTo(2);
        CliRun badTls = cli.run("mail", "relay", "set", "--host", "h", "--tls", "ssl");
        assertThat(badTls.exit()).isEqualTo(2);
        assertThat(badTls.err()).contains("--tls is starttls, tls or none");
    }

    @Test
    void relayShowSaysWhenNoneIsSet() {
        cli.server()
                .json(
                        "GET /api/mail/relay",
                        200,
                        "{\"configured\": false, \"port\": null, \"passwordSet\": false, \"updatedAt\": null}");

        CliRun run = cli.run("mail", "relay");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out())
                .isEqualTo(
                        "no relay set: outbound mail waits in the queue; set one with: fazt mail relay set --host HOST\n");
    }

    @Test
    void addressesListAddAndRemove() throws Exception {
        cli.server().json("GET /api/mail/addresses", 200, Golden.json("AddressList"));
        CliRun list = cli.run("mail", "addresses");
        assertThat(list.exit()).as(list.err()).isZero();
        assertThat(list.out().lines().toList())
                .containsExactly(
                        "ADDRESS                   DELIVERS TO  KIND      SINCE",
                        "support@shop.example.com  shop         manifest  " + Table.time("2026-01-02T03:04:05Z"));

        cli.server().json("GET /api/apps/shop/mail", 200, Golden.json("AppMailView"));
        CliRun app = cli.run("mail", "addresses", "list", "--app", "shop");
        assertThat(app.exit()).as(app.err()).isZero();
        assertThat(app.out())
                .startsWith(
                        "shop receives at a_3kq9Zt7mWp2X@mail.example.com; its mailbox holds 12 messages, 3 unread\n")
                .contains("support@shop.example.com  shop");

        cli.server().json("POST /api/mail/addresses", 201, Golden.json("AddressView"));
        CliRun add = cli.run("mail", "addresses", "add", "support@shop.example.com", "--app", "shop");
        assertThat(add.exit()).as(add.err()).isZero();
        assertThat(sentJson()).isEqualTo(AdminClient.JSON.readTree(Golden.json("AddressBody")));
        assertThat(add.out()).isEqualTo("claimed support@shop.example.com for shop (manifest)\n");

        cli.server().empty("DELETE /api/mail/addresses/*%40example.com", 204);
        CliRun remove = cli.run("mail", "addresses", "remove", "*@example.com");
        assertThat(remove.exit()).as(remove.err()).isZero();
        assertThat(cli.sent()).isEqualTo("DELETE /api/mail/addresses/*%40example.com");
        assertThat(remove.out()).isEqualTo("released *@example.com\n");
    }
}
