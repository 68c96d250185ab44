package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fazt mail send}: queue a message for delivery through the relay ({@code POST /api/mail/send}). */
@Command(
        name = "send",
        description = {
            "Queue a message for delivery through the relay; prints its outbound id and state.",
            "FROM must be an address at one of this installation's mail domains. The message",
            "is stored before the answer, so it is delivered (with retries) even if the relay",
            "is down now."
        },
        footer = {
            "",
            "Examples:",
            "  fazt mail send --from me@example.com --to alice@example.org --subject Hi \\",
            "      --text 'Hello, Alice'",
            "  fazt mail send --from me@example.com --to a@example.org --to b@example.org \\",
            "      --subject Report --text-file report.txt --html-file report.html \\",
            "      --attach report.pdf",
            "  echo Hello | fazt mail send --from me@example.com --to a@example.org --text-file -"
        })
final class MailSendCommand extends AdminCommandGroup implements Callable<Integer> {
    /** The most this command reads into one message (text, HTML and attachments); the server has its own limit. */
    static final long MAX_MESSAGE_BYTES = 25L << 20;
    /** Time allowed per MiB of request on top of the usual timeout, as for deploy uploads. */
    private static final Duration TIME_PER_MIB = Duration.ofSeconds(16);

    @Option(names = "--from", required = true, paramLabel = "ADDRESS", description = "the sender")
    String from;

    @Option(names = "--to", required = true, paramLabel = "ADDRESS", description = "a recipient (repeatable)")
    List<String> to;

    @Option(names = "--cc", paramLabel = "ADDRESS", description = "a copy recipient (repeatable)")
    List<String> cc = new ArrayList<>();

    @Option(names = "--bcc", paramLabel = "ADDRESS", description = "a blind copy recipient (repeatable)")
    List<String> bcc = new ArrayList<>();

    @Option(names = "--reply-to", paramLabel = "ADDRESS", description = "where replies should go")
    String replyTo;

    @Option(names = "--subject", paramLabel = "TEXT", description = "the subject")
    String subject;

    @CommandLine.ArgGroup(exclusive = true)
    TextSource text;

    static final class TextSource {
        @Option(names = "--text", paramLabel = "TEXT", description = "the plain-text body")
        String inline;

        @Option(names = "--text-file", paramLabel = "FILE", description = "the plain-text body from FILE (- for stdin)")
        String file;
    }

    @Option(names = "--html-file", paramLabel = "FILE", description = "an HTML body from FILE")
    Path htmlFile;

    @Option(names = "--attach", paramLabel = "FILE", description = "attach FILE (repeatable)")
    List<Path> attachments = new ArrayList<>();

    @Option(names = "--json", description = "print the server's JSON: {\"id\", \"messageId\", \"status\"}")
    boolean json;

    private long total;

    @Override
    public Integer call() {
        ObjectNode body = AdminClient.JSON.createObjectNode().put("from", from);
        addAll(body.putArray("to"), to);
        addAll(body.putArray("cc"), cc);
        addAll(body.putArray("bcc"), bcc);
        if (replyTo != null) {
            body.put("replyTo", replyTo);
        }
        if (subject != null) {
            body.put("subject", subject);
        }
        if (text != null) {
            body.put("text", text.inline != null ? text.inline : textOf(text.file));
        }
        if (htmlFile != null) {
            body.put("html", utf8(read(htmlFile), htmlFile.toString()));
        }
        ArrayNode files = body.putArray("attachments");
        for (Path file : attachments) {
            byte[] content = read(file);
            ObjectNode a = files.addObject()
                    .put("filename", file.getFileName().toString())
                    .put("content", content);
            String type = contentType(file);
            if (type != null) {
                a.put("contentType", type);
            }
        }
        Duration timeout = ServerClient.TIMEOUT.plus(TIME_PER_MIB.multipliedBy((total * 4 / 3) >> 20));
        AdminClient.Reply reply = admin().send("POST", AdminClient.path("mail", "send"), body, timeout);
        if (json) {
            return print(reply.body());
        }
        JsonNode answer = reply.json();
        return print("queued " + answer.path("id").asText() + " ("
                + answer.path("status").asText()
                + "), Message-ID <" + answer.path("messageId").asText() + ">; follow it with: fazt mail outbound "
                + answer.path("id").asText());
    }

    private static void addAll(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private String textOf(String file) {
        if (file.equals("-")) {
            try {
                byte[] bytes = Fazt.of(spec).stdin().readNBytes((int) MAX_MESSAGE_BYTES + 1);
                count(bytes.length, "stdin");
                return utf8(bytes, "stdin");
            } catch (IOException e) {
                throw new CliFailure("cannot read stdin: " + e.getMessage());
            }
        }
        Path path = Path.of(file);
        return utf8(read(path), file);
    }

    /** A file's bytes, counted against {@link #MAX_MESSAGE_BYTES} before it is read. */
    private byte[] read(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new CliFailure(file + " is not a file");
            }
            count(Files.size(file), file.toString());
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void count(long bytes, String what) {
        total += bytes;
        if (total > MAX_MESSAGE_BYTES) {
            throw new CliFailure("the message is larger than " + Table.size(MAX_MESSAGE_BYTES) + " with " + what);
        }
    }

    private static String utf8(byte[] bytes, String what) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CliFailure(what + " is not UTF-8 text; attach it with --attach instead");
        }
    }

    /** The type the system knows for the file's name, or null: the server then guesses from the name. */
    private static String contentType(Path file) {
        try {
            return Files.probeContentType(file);
        } catch (IOException e) {
            return null;
        }
    }
}
