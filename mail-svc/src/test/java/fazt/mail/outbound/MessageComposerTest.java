package fazt.mail.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.mail.OutgoingAttachment;
import fazt.proto.mail.SendBody;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.Test;

class MessageComposerTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00Z");

    private static SendBody body(String text, String html, List<OutgoingAttachment> attachments) {
        return new SendBody(
                "app@mail.test",
                List.of("Ann <ann@example.org>"),
                List.of("cc@example.org"),
                List.of("hidden@example.org"),
                null,
                "Grüße\u00a0aus fazt",
                text,
                html,
                attachments,
                Map.of("X-Campaign", "winter", "List-Unsubscribe", "<mailto:unsub@mail.test>"),
                null,
                null);
    }

    private static MimeMessage parse(byte[] raw) throws Exception {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    @Test
    void setsMessageIdDateAndHeadersButNeverBcc() throws Exception {
        byte[] raw = MessageComposer.compose(
                body("line one\nline two", null, null),
                new InternetAddress("app@mail.test"),
                "o_1@mail.test",
                AT,
                null);
        String text = new String(raw, StandardCharsets.UTF_8);
        MimeMessage m = parse(raw);
        assertThat(m.getMessageID()).isEqualTo("<o_1@mail.test>");
        assertThat(m.getSentDate().toInstant()).isEqualTo(AT);
        assertThat(m.getSubject()).isEqualTo("Grüße\u00a0aus fazt");
        assertThat(m.getHeader("X-Campaign", null)).isEqualTo("winter");
        assertThat(text).doesNotContainIgnoringCase("bcc").doesNotContain("hidden@example.org");
        assertThat(((String) m.getContent())).isEqualTo("line one\r\nline two\r\n");
        assertThat(text).doesNotContain("line one\nline two");
    }

    @Test
    void textHtmlAndAttachmentsMakeMixedWithAlternative() throws Exception {
        byte[] raw = MessageComposer.compose(
                body(
                        "plain",
                        "<p>html <img src=\"cid:logo\"></p>",
                        List.of(
                                new OutgoingAttachment("report.pdf", null, new byte[] {1, 2, 3}, null),
                                new OutgoingAttachment("logo.png", "image/png", new byte[] {9}, "logo"))),
                new InternetAddress("app@mail.test"),
                "o_2@mail.test",
                AT,
                new MessageComposer.Thread("<parent@example.org>", "<root@example.org> <parent@example.org>"));
        MimeMessage m = parse(raw);
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        MimeMultipart mixed = (MimeMultipart) m.getContent();
        assertThat(mixed.getCount()).isEqualTo(2);
        assertThat(mixed.getBodyPart(0).getContentType()).startsWith("multipart/alternative");
        assertThat(mixed.getBodyPart(1).getFileName()).isEqualTo("report.pdf");
        assertThat(mixed.getBodyPart(1).getContentType()).startsWith("application/pdf");
        MimeMultipart alternative = (MimeMultipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("multipart/related");
        assertThat(m.getHeader("In-Reply-To", null)).isEqualTo("<parent@example.org>");
        assertThat(m.getHeader("References", null)).isEqualTo("<root@example.org> <parent@example.org>");
    }

    @Test
    void refusesHeaderInjectionForeignHeadersAndTooManyRecipients() {
        SendBody injected = new SendBody(
                null,
                List.of("a@example.org"),
                null,
                null,
                null,
                "hi\r\nBcc: victim@example.org",
                "x",
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> SendChecks.check(injected, 1 << 20))
                .isInstanceOf(OutboundException.InvalidMessage.class)
                .extracting(e -> ((OutboundException) e).field())
                .isEqualTo("subject");
        SendBody foreign = new SendBody(
                null,
                List.of("a@example.org"),
                null,
                null,
                null,
                "s",
                "x",
                null,
                null,
                Map.of("Received", "x"),
                null,
                null);
        assertThatThrownBy(() -> SendChecks.check(foreign, 1 << 20))
                .extracting(e -> ((OutboundException) e).field())
                .isEqualTo("headers");
        List<String> many = java.util.stream.IntStream.range(0, 51)
                .mapToObj(i -> "r" + i + "@example.org")
                .toList();
        SendBody crowd = new SendBody(null, many, null, null, null, "s", "x", null, null, null, null, null);
        assertThatThrownBy(() -> SendChecks.check(crowd, 1 << 20))
                .extracting(e -> ((OutboundException) e).field())
                .isEqualTo("to");
        SendBody badTo =
                new SendBody(null, List.of("not an address"), null, null, null, "s", "x", null, null, null, null, null);
        assertThatThrownBy(() -> SendChecks.check(badTo, 1 << 20))
                .extracting(e -> ((OutboundException) e).field())
                .isEqualTo("to");
        SendBody big = new SendBody(
                null,
                List.of("a@example.org"),
                null,
                null,
                null,
                "s",
                "x".repeat(2 << 20),
                null,
                null,
                null,
                null,
                null);
        assertThatThrownBy(() -> SendChecks.check(big, 1 << 20))
                .extracting(e -> ((OutboundException) e).field())
                .isEqualTo("message");
    }

    @Test
    void signatureVerifiesWithThePublishedKeyAndBreaksOnTampering() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        DkimKeys.DkimKey key = new DkimKeys.DkimKey(
                "mail.test", "fazt202612", pair.getPrivate(), pair.getPublic().getEncoded());
        byte[] raw = MessageComposer.compose(
                body("hello\nworld", "<b>hi</b>", null),
                new InternetAddress("app@mail.test"),
                "o_3@mail.test",
                AT,
                null);
        byte[] signed = DkimKeys.sign(raw, key);
        assertThat(new String(signed, StandardCharsets.US_ASCII)).startsWith("DKIM-Signature:");

        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo("fazt202612");
            assertThat(domain.toString()).isEqualTo("mail.test");
            return List.of(key.txtValue());
        });
        List<SignatureRecord> valid = verifier.verify(new ByteArrayInputStream(signed));
        assertThat(valid).hasSize(1);
        assertThat(valid.getFirst().getDToken()).isEqualTo("mail.test");
        assertThat(valid.getFirst().getHeaders().stream().map(CharSequence::toString))
                .contains("from", "to", "subject", "date", "message-id");

        byte[] tampered = new String(signed, StandardCharsets.ISO_8859_1)
                .replace("Subject:", "Subject: [changed]")
                .getBytes(StandardCharsets.ISO_8859_1);
        DKIMVerifier second = new DKIMVerifier((method, selector, domain) -> List.of(key.txtValue()));
        Throwable failed =
                org.assertj.core.api.Assertions.catchThrowable(() -> second.verify(new ByteArrayInputStream(tampered)));
        assertThat(failed != null || !second.hasAnyValidSignature()).isTrue();
        assertThat(Base64.getDecoder()
                        .decode(key.txtValue().substring(key.txtValue().indexOf("p=") + 2)))
                .isEqualTo(pair.getPublic().getEncoded());
    }
}
