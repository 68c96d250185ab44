package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;
import static fazt.mail.MailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.james.jdkim.DKIMSigner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPF, DKIM and DMARC of received mail against records a local DNS server publishes (pebble-challtestsrv): an
 * aligned, signed message passes all three; a forged sender fails SPF and DMARC and is marked spam under a
 * {@code reject} policy; a signed message altered in transit fails DKIM. The results are recorded, not enforced.
 */
class MailAuthIT {
    @RegisterExtension
    static final LocalDns dns = LocalDns.start();

    @RegisterExtension
    static final MailFixture mail = new MailFixture(dns == null ? Map.of() : Map.of("FAZT_MAIL_DNS", dns.address()));

    static KeyPair dkimKeys;

    @BeforeAll
    static void records() throws Exception {
        assumeTrue(dns != null, "pebble-challtestsrv is not installed");
        mail.app("a_auth", "auth", List.of(), false);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        dkimKeys = generator.generateKeyPair();
        dns.txt("example.com", "v=spf1 ip4:127.0.0.1 -all");
        dns.txt(
                "sel._domainkey.example.com",
                "v=DKIM1; k=rsa; p="
                        + Base64.getEncoder()
                                .encodeToString(dkimKeys.getPublic().getEncoded()));
        dns.txt("_dmarc.example.com", "v=DMARC1; p=quarantine; adkim=r; aspf=r");
        dns.txt("bank.example.net", "v=spf1 ip4:192.0.2.1 -all");
        dns.txt("_dmarc.bank.example.net", "v=DMARC1; p=reject");
    }

    @Test
    void anAlignedSignedMessagePassesSpfDkimAndDmarc() throws Exception {
        String message = signed(headers("alice@news.example.com", "signed and aligned") + "\r\nhello from example\r\n");
        JsonNode auth = deliver("bounce@example.com", message, "signed and aligned");
        assertThat(auth.path("spf").asText()).isEqualTo("pass");
        assertThat(auth.path("dkim").asText()).isEqualTo("pass");
        assertThat(auth.path("dkimDomain").asText()).isEqualTo("example.com");
        assertThat(auth.path("dmarc").asText()).isEqualTo("pass");
        assertThat(auth.path("dmarcPolicy").asText()).isEqualTo("quarantine");
    }

    @Test
    void aForgedSenderFailsSpfAndDmarcAndIsMarkedSpam() throws Exception {
        JsonNode auth = deliver(
                "ceo@bank.example.net",
                headers("ceo@bank.example.net", "wire the money") + "\r\nurgent\r\n",
                "wire the money");
        assertThat(auth.path("spf").asText()).isEqualTo("fail");
        assertThat(auth.path("dkim").asText()).isEqualTo("none");
        assertThat(auth.path("dmarc").asText()).isEqualTo("fail");
        assertThat(auth.path("dmarcPolicy").asText()).isEqualTo("reject");
        assertThat(summary("wire the money").path("spam").asBoolean()).isTrue();
    }

    @Test
    void aSignedMessageAlteredInTransitFailsDkim() throws Exception {
        String message = signed(headers("alice@example.com", "altered") + "\r\noriginal body\r\n")
                .replace("original body", "altered body");
        JsonNode auth = deliver("bounce@example.com", message, "altered");
        assertThat(auth.path("dkim").asText()).isEqualTo("fail");
        assertThat(auth.path("spf").asText()).isEqualTo("pass");
        assertThat(auth.path("dmarc").asText()).isEqualTo("pass");
    }

    private static String headers(String from, String subject) {
        return "From: " + from + "\r\nTo: a_auth@" + MAIL_DOMAIN + "\r\nSubject: " + subject + "\r\nMessage-ID: <"
                + subject.replace(' ', '.') + "@example.com>\r\nDate: Mon, 7 Dec 2026 12:00:00 +0000\r\n";
    }

    private static String signed(String message) throws Exception {
        DKIMSigner signer = new DKIMSigner(
                "v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=sel; h=from:to:subject:message-id:date; bh=; b=;",
                dkimKeys.getPrivate());
        String header = signer.sign(new ByteArrayInputStream(message.getBytes(StandardCharsets.US_ASCII)));
        if (!header.startsWith("DKIM-Signature:")) {
            header = "DKIM-Signature: " + header;
        }
        return header + "\r\n" + message;
    }

    private static JsonNode deliver(String mailFrom, String message, String subject) throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            if (!smtp.start(mailFrom, "a_auth@" + MAIL_DOMAIN).startsWith("250")) {
                throw new AssertionError("RCPT refused");
            }
            smtp.command("DATA");
            smtp.send(message + ".\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
        }
        String id = summary(subject).path("id").asText();
        return json(mail.admin("GET", "/mail/messages/" + id, Map.of(), null)).path("auth");
    }

    private static JsonNode summary(String subject) throws InterruptedException {
        for (JsonNode m : mail.waitForSubject("auth", subject).path("messages")) {
            if (m.path("subject").asText().equals(subject)) {
                return m;
            }
        }
        throw new AssertionError("no message " + subject);
    }
}
