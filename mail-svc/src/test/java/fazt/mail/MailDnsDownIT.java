package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;
import static fazt.mail.MailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With its DNS server unreachable mail-svc still accepts mail: SPF and DMARC are recorded as {@code temperror}. */
class MailDnsDownIT {
    @RegisterExtension
    static final MailFixture mail = new MailFixture(Map.of("FAZT_MAIL_DNS", "127.0.0.1:" + closedPort()));

    @Test
    void aDnsFailureIsATemporaryErrorNeverARefusal() throws Exception {
        mail.app("a_nodns", "nodns", List.of(), false);
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("someone@example.com", "a_nodns@" + MAIL_DOMAIN))
                    .startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send("From: someone@example.com\r\nSubject: no dns\r\n\r\nstill delivered\r\n.\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
        }
        String id = mail.waitForSubject("nodns", "no dns")
                .path("messages")
                .get(0)
                .path("id")
                .asText();
        JsonNode auth =
                json(mail.admin("GET", "/mail/messages/" + id, Map.of(), null)).path("auth");
        assertThat(auth.path("spf").asText()).isEqualTo("temperror");
        assertThat(auth.path("dkim").asText()).isEqualTo("none");
        assertThat(auth.path("dmarc").asText()).isEqualTo("temperror");
    }

    /** A UDP port nothing listens on (taken and given back). */
    private static int closedPort() {
        try (DatagramSocket socket = new DatagramSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
