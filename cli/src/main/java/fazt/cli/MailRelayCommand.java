package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code fazt mail relay show|set}: the SMTP relay all outbound mail goes through (admins only). */
@Command(
        name = "relay",
        description = {
            "Show or set the SMTP relay all outbound mail goes through.",
            "fazt never delivers to recipients' servers itself. The password is read from",
            "stdin, stored encrypted and never shown again."
        },
        footer = {
            "",
            "Examples:",
            "  fazt mail relay show",
            "  fazt mail relay set --host smtp.relay.example --user fazt --password-stdin < pw.txt",
            "  fazt mail relay set --host 10.0.0.5 --port 25 --tls none   (on a trusted network)"
        })
final class MailRelayCommand extends AdminCommandGroup implements Callable<Integer> {
    private static final Set<String> TLS = Set.of("starttls", "tls", "none");
    private static final int MAX_PASSWORD = 1024;

    @Override
    public Integer call() {
        return show(false);
    }

    @Command(name = "show", description = "Show the relay (never its password).")
    int show(@Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient.Reply reply = admin().get(AdminClient.path("mail", "relay"));
        if (json) {
            return print(reply.body());
        }
        JsonNode relay = reply.json();
        if (!relay.path("configured").asBoolean(false)) {
            return print(
                    "no relay set: outbound mail waits in the queue; set one with: fazt mail relay set --host HOST");
        }
        print(describe(relay));
        return print("changed " + Table.time(relay.path("updatedAt").asText(null)));
    }

    @Command(
            name = "set",
            description = {
                "Set the relay. Options left out take their defaults; the stored password stays",
                "until --password-stdin gives a new one."
            })
    int set(
            @Option(names = "--host", required = true, paramLabel = "HOST", description = "the relay's host name")
                    String host,
            @Option(names = "--port", paramLabel = "PORT", description = "its port (default 587; 465 with --tls tls)")
                    Integer port,
            @Option(
                            names = "--tls",
                            paramLabel = "MODE",
                            description = "starttls (required, the default), tls (implicit, port 465) or none")
                    String tls,
            @Option(names = "--user", paramLabel = "USER", description = "the user name for SMTP AUTH") String user,
            @Option(
                            names = "--password-stdin",
                            description = "read the AUTH password from stdin (one line); never pass it as an argument")
                    boolean passwordStdin,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        if (tls != null && !TLS.contains(tls)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--tls is starttls, tls or none");
        }
        if (port != null && (port < 1 || port > 65_535)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port is 1 to 65535");
        }
        ObjectNode body = AdminClient.JSON.createObjectNode().put("host", host);
        if (port != null) {
            body.put("port", port);
        }
        if (tls != null) {
            body.put("tls", tls);
        }
        if (user != null) {
            body.put("username", user);
        }
        if (passwordStdin) {
            body.put("password", password());
        }
        AdminClient.Reply reply = admin().send("PUT", AdminClient.path("mail", "relay"), body);
        if (json) {
            return print(reply.body());
        }
        return print("relay set: " + describe(reply.json()));
    }

    /** The first line of stdin, without its line break. */
    private String password() {
        byte[] bytes;
        try {
            bytes = Fazt.of(spec).stdin().readNBytes(MAX_PASSWORD + 2);
        } catch (IOException e) {
            throw new CliFailure("cannot read the password from stdin: " + e.getMessage());
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String line = text.lines().findFirst().orElse("");
        if (line.isEmpty()) {
            throw new CliFailure("--password-stdin: stdin is empty");
        }
        if (line.length() > MAX_PASSWORD) {
            throw new CliFailure("--password-stdin: the password is longer than " + MAX_PASSWORD + " characters");
        }
        return line;
    }

    private static String describe(JsonNode relay) {
        return relay.path("host").asText() + ":" + relay.path("port").asText("587") + " ("
                + relay.path("tls").asText("starttls") + "), "
                + (relay.hasNonNull("username")
                        ? "user " + relay.path("username").asText()
                        : "no AUTH")
                + (relay.path("passwordSet").asBoolean(false) ? ", password set" : ", no password");
    }
}
