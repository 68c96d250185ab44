package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMTP listener at the protocol level, from a raw socket: the extensions it announces, the recipients it refuses
 * (never an open relay), its limits, and SMTP smuggling: bare line endings refused with nothing stored. Limits in
 * this suite: 3 recipients, 1 MiB, 4 connections per client address, 5 refusals and 20 commands per session.
 */
class MailSmtpIT {
    @RegisterExtension
    static final MailFixture mail = new MailFixture();

    static final String BOX = "a_proto@" + MAIL_DOMAIN;

    @BeforeAll
    static void app() throws Exception {
        mail.app("a_proto", "proto", List.of(), false);
    }

    @Test
    void ehloAnnouncesTheExtensionsAndTheSizeLimit() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.greeting).startsWith("220 " + MailFixture.SMTP_HOST + " ESMTP");
            String ehlo = smtp.command("EHLO client.test");
            assertThat(ehlo.lines().map(l -> l.substring(4)).toList())
                    .containsExactly(
                            MailFixture.SMTP_HOST,
                            "PIPELINING",
                            "SIZE " + (1 << 20),
                            "8BITMIME",
                            "SMTPUTF8",
                            "ENHANCEDSTATUSCODES",
                            "STARTTLS");
            assertThat(smtp.command("BDAT 10 LAST")).startsWith("502 5.5.1");
        }
    }

    @Test
    void unknownLocalAddressesAndOtherDomainsAreRefused() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("x@client.test", "nobody@" + MAIL_DOMAIN)).startsWith("550 5.1.1");
            assertThat(smtp.command("RCPT TO:<victim@elsewhere.example>")).startsWith("550 5.7.1");
            assertThat(smtp.command("RCPT TO:<a_proto@" + MAIL_DOMAIN + ".elsewhere.example>"))
                    .startsWith("550 5.7.1");
            assertThat(smtp.command("DATA")).startsWith("503");
        }
    }

    @Test
    void moreRecipientsThanTheLimitAreDeferred() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("x@client.test", BOX)).startsWith("250 2.1.5");
            assertThat(smtp.command("RCPT TO:<postmaster@" + MAIL_DOMAIN + ">")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<Postmaster>")).startsWith("250");
            assertThat(smtp.command("RCPT TO:<" + BOX + ">")).startsWith("452 4.5.3");
        }
    }

    @Test
    void aMessageOverTheSizeLimitIsRefusedAtMailFromAndAtData() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            smtp.command("EHLO client.test");
            assertThat(smtp.command("MAIL FROM:<x@client.test> SIZE=" + ((1 << 20) + 1)))
                    .startsWith("552 5.3.4");
            assertThat(smtp.command("MAIL FROM:<x@client.test> SIZE=1000")).startsWith("250 2.1.0");
            assertThat(smtp.command("MAIL FROM:<y@client.test>")).startsWith("503 5.5.1");
            assertThat(smtp.command("RCPT TO:<" + BOX + ">")).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            String line = "x".repeat(998) + "\r\n";
            StringBuilder big = new StringBuilder("Subject: big\r\n\r\n");
            while (big.length() <= (1 << 20)) {
                big.append(line);
            }
            smtp.send(big + ".\r\n");
            assertThat(smtp.reply()).startsWith("552 5.3.4");
            assertThat(smtp.command("NOOP")).startsWith("250");
        }
        assertThat(mail.messages("proto").path("messages").findValuesAsText("subject"))
                .doesNotContain("big");
    }

    @Test
    void bareLineEndingsInDataAreRefusedAndNothingIsStored() throws Exception {
        for (String smuggled : List.of(
                "Subject: smuggled lf\r\n\r\nfirst\n.\r\nMAIL FROM:<evil@client.test>\r\n",
                "Subject: smuggled cr\r\n\r\nfirst\r.\rmore\r\n",
                "Subject: smuggled lf-dot-lf\r\n\r\nfirst\n.\nsecond\r\n")) {
            try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
                assertThat(smtp.start("x@client.test", BOX)).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.send(smuggled + ".\r\n");
                assertThat(smtp.reply()).startsWith("554 5.6.0");
                // The session is still in step: the next transaction goes through.
                smtp.command("MAIL FROM:<x@client.test>");
                assertThat(smtp.command("RCPT TO:<" + BOX + ">")).startsWith("250");
                assertThat(smtp.command("DATA")).startsWith("354");
                smtp.send("Subject: clean after " + smuggled.substring(9, smuggled.indexOf('\r'))
                        + "\r\n\r\nok\r\n.\r\n");
                assertThat(smtp.reply()).startsWith("250 2.0.0");
            }
        }
        List<String> subjects = mail.messages("proto").path("messages").findValuesAsText("subject");
        assertThat(subjects).noneMatch(s -> s.startsWith("smuggled"));
        assertThat(subjects).contains("clean after smuggled lf", "clean after smuggled cr");
    }

    @Test
    void aClientThatStopsInTheMiddleOfDataLeavesNothingBehind() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("x@client.test", BOX)).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send("Subject: cut off\r\n\r\nhalf a message\r\n");
        }
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("x@client.test", BOX)).startsWith("250");
            assertThat(smtp.command("DATA")).startsWith("354");
            smtp.send("Subject: whole\r\n\r\nall of it\r\n.\r\n");
            assertThat(smtp.reply()).startsWith("250 2.0.0");
        }
        List<String> subjects = mail.messages("proto").path("messages").findValuesAsText("subject");
        assertThat(subjects).contains("whole").doesNotContain("cut off");
    }

    @Test
    void aSessionThatCollectsTooManyRefusalsIsClosed() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.start("x@client.test", "guess1@" + MAIL_DOMAIN)).startsWith("550 5.1.1");
            for (int i = 2; i <= 4; i++) {
                assertThat(smtp.command("RCPT TO:<guess" + i + "@" + MAIL_DOMAIN + ">"))
                        .startsWith("550 5.1.1");
            }
            assertThat(smtp.command("RCPT TO:<guess5@" + MAIL_DOMAIN + ">")).startsWith("421 4.7.0");
            assertThat(smtp.reply()).isNull();
        }
    }

    @Test
    void aSessionThatSendsTooManyCommandsWithoutAMessageIsClosed() throws Exception {
        try (SmtpConversation smtp = new SmtpConversation(mail.smtpPort())) {
            assertThat(smtp.command("EHLO client.test")).startsWith("250");
            for (int i = 2; i <= 20; i++) {
                assertThat(smtp.command("NOOP")).startsWith("250");
            }
            assertThat(smtp.command("NOOP")).startsWith("421 4.7.0");
            assertThat(smtp.reply()).isNull();
        }
    }

    @Test
    void connectionsBeyondThePerClientLimitAreTurnedAway() throws Exception {
        List<SmtpConversation> open = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                SmtpConversation smtp = new SmtpConversation(mail.smtpPort());
                open.add(smtp);
                assertThat(smtp.greeting).startsWith("220");
            }
            try (SmtpConversation refused = new SmtpConversation(mail.smtpPort())) {
                assertThat(refused.greeting).startsWith("421 4.7.0");
            }
        } finally {
            for (SmtpConversation c : open) {
                c.close();
            }
        }
    }
}
