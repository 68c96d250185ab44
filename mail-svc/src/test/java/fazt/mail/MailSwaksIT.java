package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;
import static fazt.mail.MailFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The SMTP listener as another implementation sees it: swaks (the Swiss Army Knife for SMTP) sends over STARTTLS,
 * with an attachment, and is refused for relaying. Skipped where swaks is not installed.
 */
class MailSwaksIT {
    static final Path SWAKS = Path.of("/usr/bin/swaks");

    @RegisterExtension
    static final MailFixture mail = new MailFixture();

    @BeforeAll
    static void app() throws Exception {
        assumeTrue(Files.isExecutable(SWAKS), "swaks is not installed");
        mail.app("a_swaks", "swaks", List.of(), false);
    }

    @Test
    void swaksDeliversOverStarttlsWithAnAttachment() throws Exception {
        Path attachment = Files.createTempFile("swaks", ".txt");
        Files.writeString(attachment, "attached by swaks\n");
        try {
            Result sent = swaks(
                    "--to",
                    "a_swaks@" + MAIL_DOMAIN,
                    "--from",
                    "swaks@client.test",
                    "--tls",
                    "--header",
                    "Subject: from swaks",
                    "--body",
                    "hello from swaks",
                    "--attach-type",
                    "text/plain",
                    "--attach-name",
                    "note.txt",
                    "--attach",
                    "@" + attachment);
            assertThat(sent.exit()).as(sent.output()).isZero();
            assertThat(sent.output()).contains("250 2.0.0 Ok: queued as");
        } finally {
            Files.delete(attachment);
        }
        JsonNode list = mail.waitForSubject("swaks", "from swaks");
        String id = list.path("messages").get(0).path("id").asText();
        JsonNode detail = json(mail.admin("GET", "/mail/messages/" + id, Map.of(), null));
        assertThat(detail.path("text").asText()).contains("hello from swaks");
        assertThat(detail.path("attachments").get(0).path("filename").asText()).isEqualTo("note.txt");
        assertThat(mail.admin("GET", "/mail/messages/" + id + "/attachments/0", Map.of(), null)
                        .body())
                .isEqualTo("attached by swaks\n");
    }

    @Test
    void swaksIsRefusedForAnotherDomain() throws Exception {
        Result refused = swaks("--to", "victim@elsewhere.example", "--from", "swaks@client.test");
        assertThat(refused.exit()).isNotZero();
        assertThat(refused.output()).contains("550 5.7.1");
    }

    record Result(int exit, String output) {}

    private static Result swaks(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                SWAKS.toString(),
                "--server",
                "127.0.0.1",
                "--port",
                Integer.toString(mail.smtpPort()),
                "--helo",
                "client.test",
                "--timeout",
                "20"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("swaks did not finish");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
