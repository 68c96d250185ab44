package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;
import static fazt.mail.MailFixture.TIMEOUT;
import static fazt.mail.MailFixture.json;
import static fazt.platform.service.testing.RemoteCall.await;
import static fazt.platform.service.testing.RemoteCall.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.blobs.BlobReader;
import fazt.proto.admin.AdminResponse;
import fazt.proto.auth.Principal;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.MessageDetail;
import fazt.proto.mail.MessageRequest;
import fazt.proto.mail.MessageSummary;
import fazt.proto.mail.PartChunk;
import fazt.proto.mail.PartRequest;
import fazt.proto.mail.RejectRequest;
import fazt.proto.problem.Problem;
import jakarta.activation.DataHandler;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The inbox through the admin API and the runtime's subjects: MIME parsed into text, html and attachments, downloads
 * (inline and through storage), listing with search, unread and cursor, marking, deleting, the scope checks, claiming
 * addresses, and what an app's handler may read and reject.
 */
class MailApiIT {
    @RegisterExtension
    static final MailFixture mail = new MailFixture();

    static final byte[] PDF = new byte[300_000];

    @BeforeAll
    static void apps() throws Exception {
        new Random(7).nextBytes(PDF);
        mail.app("a_inbox", "inbox", List.of(), true);
        mail.app("a_other", "other", List.of(), true);
    }

    @Test
    void aMimeMessageIsParsedIntoTextHtmlAndAttachmentsAndDownloads() throws Exception {
        MimeMessage m = mail.text("Zoë <zoe@client.test>", "Grüße aus Zürich", "unused");
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText("plain body ü", "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent("<p>html body ü</p>", "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeBodyPart pdf = new MimeBodyPart();
        pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(PDF, "application/pdf")));
        pdf.setFileName("résumé.pdf");
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        mixed.addBodyPart(pdf);
        m.setContent(mixed);
        mail.send(m, "a_inbox@" + MAIL_DOMAIN);

        String id = find("inbox", "Grüße aus Zürich");
        JsonNode detail = json(mail.admin("GET", "/mail/messages/" + id, Map.of(), null));
        assertThat(detail.path("summary").path("from").asText()).isEqualTo("\"Zoë\" <zoe@client.test>");
        assertThat(detail.path("summary").path("attachments").asInt()).isEqualTo(1);
        assertThat(detail.path("text").asText()).isEqualTo("plain body ü");
        assertThat(detail.path("html").asText()).isEqualTo("<p>html body ü</p>");
        assertThat(detail.path("attachments").get(0).path("filename").asText()).isEqualTo("résumé.pdf");
        assertThat(detail.path("attachments").get(0).path("contentType").asText())
                .isEqualTo("application/pdf");
        assertThat(detail.path("attachments").get(0).path("size").asLong()).isEqualTo(PDF.length);
        assertThat(detail.path("headers").findValuesAsText("value")).contains("Grüße aus Zürich");
        assertThat(detail.path("auth").path("spf").asText()).isNotBlank();

        AdminResponse attachment = mail.admin("GET", "/mail/messages/" + id + "/attachments/0", Map.of(), null);
        assertThat(attachment.contentType()).isEqualTo("application/pdf");
        assertThat(attachment.headers().get("Content-Disposition")).startsWith("attachment;");
        assertThat(new BlobReader(mail.requester())
                        .readAll(
                                attachment.bodyBlob().digest(),
                                attachment.bodyBlob().size()))
                .isEqualTo(PDF);

        AdminResponse raw = mail.admin("GET", "/mail/messages/" + id + "/raw", Map.of(), null);
        assertThat(raw.contentType()).isEqualTo("message/rfc822");
        byte[] rawBytes = new BlobReader(mail.requester())
                .readAll(raw.bodyBlob().digest(), raw.bodyBlob().size());
        assertThat(new String(rawBytes, StandardCharsets.US_ASCII)).startsWith("Received: from client.test");
        assertThat(rawBytes.length)
                .isEqualTo(detail.path("summary").path("rawSize").asInt());

        Problem noPart = problemOf(() -> mail.admin("GET", "/mail/messages/" + id + "/attachments/1", Map.of(), null));
        assertThat(noPart.status()).isEqualTo(404);
    }

    @Test
    void theInboxListsSearchesPagesMarksAndDeletesWithinScope() throws Exception {
        for (String subject : List.of("page one", "page two", "page three")) {
            mail.send(mail.text("carol@client.test", subject, "body of " + subject), "a_other@" + MAIL_DOMAIN);
        }
        mail.waitForMessages("other", 3);
        JsonNode first = json(mail.admin("GET", "/apps/other/mail/messages", Map.of("limit", List.of("2")), null));
        assertThat(first.path("messages").findValuesAsText("subject")).containsExactly("page three", "page two");
        String cursor = first.path("nextCursor").asText();
        JsonNode second = json(mail.admin(
                "GET", "/apps/other/mail/messages", Map.of("limit", List.of("2"), "cursor", List.of(cursor)), null));
        assertThat(second.path("messages").findValuesAsText("subject")).containsExactly("page one");
        assertThat(second.path("nextCursor").isNull()).isTrue();

        JsonNode found = json(mail.admin("GET", "/apps/other/mail/messages", Map.of("q", List.of("OF PAGE T")), null));
        assertThat(found.path("messages").findValuesAsText("subject")).containsExactly("page three", "page two");

        String id = first.path("messages").get(0).path("id").asText();
        JsonNode marked = json(mail.admin("PATCH", "/mail/messages/" + id, Map.of(), "{\"read\": true}"));
        assertThat(marked.path("read").asBoolean()).isTrue();
        JsonNode unread = json(mail.admin("GET", "/apps/other/mail/messages", Map.of("unread", List.of("true")), null));
        assertThat(unread.path("messages").findValuesAsText("subject")).containsExactly("page two", "page one");

        Principal deployer = new Principal("u_dev", "dev", List.of("deploy:other"));
        Principal stranger = new Principal("u_x", "x", List.of("deploy:inbox"));
        Principal reader = new Principal("u_r", "r", List.of("read"));
        assertThat(mail.admin(deployer, "GET", "/mail/messages/" + id, Map.of(), null)
                        .status())
                .isEqualTo(200);
        assertThat(mail.admin(reader, "GET", "/mail/messages/" + id, Map.of(), null)
                        .status())
                .isEqualTo(200);
        Problem hidden = problemOf(() -> mail.admin(stranger, "GET", "/mail/messages/" + id, Map.of(), null));
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(hidden.type()).endsWith("mail/no-message");
        Problem readOnly =
                problemOf(() -> mail.admin(reader, "PATCH", "/mail/messages/" + id, Map.of(), "{\"read\": false}"));
        assertThat(readOnly.status()).isEqualTo(404);
        Problem notListed = problemOf(
                () -> mail.admin(stranger, "GET", "/mail/messages", Map.of("mailbox", List.of("app:a_other")), null));
        assertThat(notListed.status()).isEqualTo(403);

        assertThat(mail.admin(deployer, "DELETE", "/mail/messages/" + id, Map.of(), null)
                        .status())
                .isEqualTo(204);
        Problem gone = problemOf(() -> mail.admin("GET", "/mail/messages/" + id, Map.of(), null));
        assertThat(gone.status()).isEqualTo(404);
        assertThat(mail.messages("other").path("messages").size()).isEqualTo(2);
    }

    @Test
    void addressesAreClaimedOnceOnLocalDomainsOnlyAndReachTheirMailbox() throws Exception {
        JsonNode claimed = json(mail.admin(
                "POST",
                "/mail/addresses",
                Map.of(),
                "{\"address\": \"Sales@" + MAIL_DOMAIN + "\", \"app\": \"inbox\"}"));
        assertThat(claimed.path("address").asText()).isEqualTo("sales@" + MAIL_DOMAIN);
        assertThat(claimed.path("mailbox").asText()).isEqualTo("app:a_inbox");
        assertThat(claimed.path("kind").asText()).isEqualTo("claimed");

        Problem taken = problemOf(() -> mail.admin(
                "POST",
                "/mail/addresses",
                Map.of(),
                "{\"address\": \"sales@" + MAIL_DOMAIN + "\", \"app\": \"other\"}"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.type()).endsWith("mail/address-taken");
        assertThat(taken.detail()).contains("app inbox");
        Problem privateTaken = problemOf(() ->
                mail.admin("POST", "/mail/addresses", Map.of(), "{\"address\": \"a_other@" + MAIL_DOMAIN + "\"}"));
        assertThat(privateTaken.status()).isEqualTo(409);
        Problem invalid =
                problemOf(() -> mail.admin("POST", "/mail/addresses", Map.of(), "{\"address\": \"not an address\"}"));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.type()).endsWith("mail/invalid-address");
        assertThat(invalid.errors().getFirst().field()).isEqualTo("address");
        Problem foreign = problemOf(
                () -> mail.admin("POST", "/mail/addresses", Map.of(), "{\"address\": \"me@elsewhere.example\"}"));
        assertThat(foreign.status()).isEqualTo(400);
        Problem noApp = problemOf(() -> mail.admin(
                "POST", "/mail/addresses", Map.of(), "{\"address\": \"x@" + MAIL_DOMAIN + "\", \"app\": \"nope\"}"));
        assertThat(noApp.status()).isEqualTo(404);
        Problem notAdmin = problemOf(() -> mail.admin(
                new Principal("u_r", "r", List.of("read")),
                "POST",
                "/mail/addresses",
                Map.of(),
                "{\"address\": \"y@" + MAIL_DOMAIN + "\"}"));
        assertThat(notAdmin.status()).isEqualTo(403);

        JsonNode mine =
                json(mail.admin("POST", "/mail/addresses", Map.of(), "{\"address\": \"me@" + MAIL_DOMAIN + "\"}"));
        assertThat(mine.path("mailbox").asText()).isEqualTo("user:u_admin");
        mail.send(mail.text("dan@client.test", "for me", "hi"), "me@" + MAIL_DOMAIN);
        mail.send(mail.text("dan@client.test", "for sales", "hi"), "sales@" + MAIL_DOMAIN);
        MailFixture.waitFor(
                () -> json(mail.admin("GET", "/mail/messages", Map.of(), null))
                                .path("messages")
                                .size()
                        == 1,
                java.time.Duration.ofSeconds(10));
        assertThat(json(mail.admin("GET", "/mail/messages", Map.of(), null))
                        .path("messages")
                        .findValuesAsText("subject"))
                .containsExactly("for me");
        find("inbox", "for sales");

        assertThat(json(mail.admin("GET", "/mail/addresses", Map.of(), null))
                        .path("addresses")
                        .findValuesAsText("address"))
                .contains("me@" + MAIL_DOMAIN, "sales@" + MAIL_DOMAIN, "a_inbox@" + MAIL_DOMAIN);
        assertThat(mail.admin("DELETE", "/mail/addresses/sales%40" + MAIL_DOMAIN, Map.of(), null)
                        .status())
                .isEqualTo(204);
        Problem released =
                problemOf(() -> mail.admin("DELETE", "/mail/addresses/sales@" + MAIL_DOMAIN, Map.of(), null));
        assertThat(released.status()).isEqualTo(404);
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("x@client.test", "sales@" + MAIL_DOMAIN)).startsWith("550 5.1.1");
        }
    }

    @Test
    void anAppsHandlerReadsAndRejectsOnlyItsOwnMessages() throws Exception {
        mail.send(mail.text("erin@client.test", "for the handler", "handle me"), "a_inbox@" + MAIL_DOMAIN);
        String id = find("inbox", "for the handler");

        MessageDetail detail = await(mail.requester()
                .request(MailSubjects.MESSAGE_GET, new MessageRequest("a_inbox", id), MessageDetail.class, TIMEOUT));
        assertThat(detail.summary().subject()).isEqualTo("for the handler");
        assertThat(detail.text()).isEqualToIgnoringNewLines("handle me");
        Problem foreign = problemOf(() -> await(mail.requester()
                .request(MailSubjects.MESSAGE_GET, new MessageRequest("a_other", id), MessageDetail.class, TIMEOUT)));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.type()).endsWith("mail/no-message");

        PartChunk head = await(mail.requester()
                .request(
                        MailSubjects.MESSAGE_PART, new PartRequest("a_inbox", id, -1, 0, 9), PartChunk.class, TIMEOUT));
        assertThat(new String(head.data(), StandardCharsets.US_ASCII)).isEqualTo("Received:");
        assertThat(head.total()).isEqualTo(detail.summary().rawSize());
        PartChunk tail = await(mail.requester()
                .request(
                        MailSubjects.MESSAGE_PART,
                        new PartRequest("a_inbox", id, -1, head.total() - 2, MailSubjects.CHUNK_SIZE),
                        PartChunk.class,
                        TIMEOUT));
        assertThat(tail.data()).containsExactly('\r', '\n');

        MessageSummary rejected = await(mail.requester()
                .request(
                        MailSubjects.MESSAGE_REJECT,
                        new RejectRequest("a_inbox", id, "no thanks"),
                        MessageSummary.class,
                        TIMEOUT));
        assertThat(rejected.status()).isEqualTo("rejected");
        JsonNode after = json(mail.admin("GET", "/mail/messages/" + id, Map.of(), null));
        assertThat(after.path("reason").asText()).isEqualTo("no thanks");
    }

    @Test
    void aLongBodyIsCutInTheDetailAndWholeInTheRawMessage() throws Exception {
        String line = "y".repeat(98) + "\r\n";
        int lines = 6_000;
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("frank@client.test", "a_inbox@" + MAIL_DOMAIN))
                    .startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send("Subject: long body\r\n\r\n" + line.repeat(lines) + ".\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
        }
        String id = find("inbox", "long body");
        MessageDetail detail = await(mail.requester()
                .request(MailSubjects.MESSAGE_GET, new MessageRequest("a_inbox", id), MessageDetail.class, TIMEOUT));
        assertThat(detail.text()).hasSize(256 * 1024);
        PartChunk last = await(mail.requester()
                .request(
                        MailSubjects.MESSAGE_PART,
                        new PartRequest("a_inbox", id, -1, detail.summary().rawSize() - 100, 100),
                        PartChunk.class,
                        TIMEOUT));
        assertThat(new String(last.data(), StandardCharsets.US_ASCII)).isEqualTo(line);
        assertThat(detail.summary().rawSize()).isGreaterThan((long) lines * line.length());
    }

    private static String find(String app, String subject) throws InterruptedException {
        String[] id = new String[1];
        MailFixture.waitFor(
                () -> {
                    for (JsonNode m : mail.messages(app).path("messages")) {
                        if (m.path("subject").asText().equals(subject)) {
                            id[0] = m.path("id").asText();
                            return true;
                        }
                    }
                    return false;
                },
                java.time.Duration.ofSeconds(10));
        return id[0];
    }
}
