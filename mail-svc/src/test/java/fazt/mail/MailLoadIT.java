package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.scheduler.EmailEnqueueRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Many messages on one SMTP session (with a local DNS, so authentication costs what it would near a resolver): each
 * is stored before its 250, and every one reaches the scheduler exactly once per message. Prints the rate it saw
 * (a figure, not a check).
 */
class MailLoadIT {
    static final int MESSAGES = 200;

    @RegisterExtension
    static final LocalDns dns = LocalDns.start();

    @RegisterExtension
    static final MailFixture mail = new MailFixture(dns == null ? Map.of() : Map.of("FAZT_MAIL_DNS", dns.address()));

    @Test
    void everyAcceptedMessageIsStoredAndHandedToTheSchedulerOnce() throws Exception {
        mail.app("a_load", "load", List.of(), true);
        String body = "Subject: load\r\nFrom: x@client.test\r\n\r\n" + "line of text\r\n".repeat(200);
        long start = System.nanoTime();
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            smtp.command("EHLO client.test");
            for (int i = 0; i < MESSAGES; i++) {
                smtp.command("MAIL FROM:<x@client.test>");
                smtp.command("RCPT TO:<a_load@" + MAIL_DOMAIN + ">");
                smtp.command("DATA");
                smtp.send(body + ".\r\n");
                assertThat(smtp.reply()).startsWith("250 2.0.0");
            }
        }
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        System.out.printf(
                "mail load: %d messages accepted in %d ms (%.0f/s)%n", MESSAGES, millis, MESSAGES * 1000.0 / millis);

        assertThat(MailFixture.json(mail.admin("GET", "/apps/load/mail", Map.of(), null))
                        .path("total")
                        .asLong())
                .isEqualTo(MESSAGES);
        MailFixture.waitFor(
                () -> mail.scheduler().requests().stream()
                                .filter(r -> r.appId().equals("a_load"))
                                .count()
                        >= MESSAGES,
                Duration.ofSeconds(60));
        Set<String> handed = mail.scheduler().requests().stream()
                .filter(r -> r.appId().equals("a_load"))
                .map(EmailEnqueueRequest::messageId)
                .collect(Collectors.toSet());
        assertThat(handed).hasSize(MESSAGES);
    }
}
