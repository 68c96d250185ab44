package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.StringJoiner;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code fazt mail ...}: mailboxes, sending, the outbound queue, the relay, addresses and DNS records (ADR 30). */
@Command(
        name = "mail",
        description = {
            "Read an app's mailbox (or your own), send mail through the relay and follow its",
            "delivery; set up the relay, the addresses mail is accepted for and a domain's DNS.",
            "See docs/mail.md."
        },
        subcommands = {MailSendCommand.class, MailRelayCommand.class, MailAddressesCommand.class},
        footer = {
            "",
            "Examples:",
            "  fazt mail list shop --unread",
            "  fazt mail list                         (your own mailbox)",
            "  fazt mail show m_8fK2pQ7xLw3N",
            "  fazt mail show m_8fK2pQ7xLw3N --attachment 0 -o photo.jpg",
            "  fazt mail send --from me@example.com --to alice@example.org --text 'Hello'",
            "  fazt mail outbound --app shop",
            "  fazt mail dns example.com",
            "  fazt mail relay set --host smtp.relay.example --user fazt --password-stdin < pw.txt",
            "  fazt mail addresses add support@example.com --app shop"
        })
final class MailCommand extends AdminCommandGroup implements Callable<Integer> {
    @Override
    public Integer call() {
        throw missingCommand("list, show, send, outbound, dns, relay or addresses");
    }

    @Command(name = "list", description = "List received mail, newest first: an app's mailbox, or your own.")
    int list(
            @Parameters(
                            index = "0",
                            arity = "0..1",
                            paramLabel = "APP",
                            description = "the app (default: your mailbox)")
                    String app,
            @Option(names = "--unread", description = "only messages not read yet") boolean unread,
            @Option(names = "--search", paramLabel = "Q", description = "only messages whose sender or subject has Q")
                    String search,
            @Option(names = "--limit", paramLabel = "N", description = "at most N messages (default 50)") Integer limit,
            @Option(names = "--cursor", paramLabel = "ID", description = "the page after this message") String cursor,
            @Option(names = "--json", description = "print the server's JSON: {\"messages\": [...], \"nextCursor\"}")
                    boolean json) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        Query.add(query, "q", search);
        Query.add(query, "unread", unread ? "true" : null);
        Query.add(query, "limit", limit == null ? null : limit.toString());
        Query.add(query, "cursor", cursor);
        String path =
                app == null ? AdminClient.path("mail", "messages") : AdminClient.path("apps", app, "mail", "messages");
        AdminClient.Reply reply = admin().get(path + query);
        if (json) {
            return print(reply.body());
        }
        JsonNode messages = reply.json().path("messages");
        String whose = app == null ? "your mailbox" : app + "'s mailbox";
        if (messages.isEmpty()) {
            return print(unread || search != null ? "no messages in " + whose + " match" : whose + " is empty");
        }
        Table table = new Table("id", "received", "from", "to", "subject", ">size", "state");
        for (JsonNode m : messages) {
            table.row(
                    m.path("id").asText(),
                    Table.time(m.path("receivedAt").asText(null)),
                    MailText.line(m.path("from").asText(m.path("mailFrom").asText("")), 40),
                    MailText.line(m.path("to").asText(""), 40),
                    MailText.line(m.path("subject").asText(""), 50),
                    Table.size(m.path("rawSize").asLong()),
                    state(m));
        }
        table.print(out());
        String next = reply.json().path("nextCursor").asText(null);
        if (next != null) {
            print("more: fazt mail list" + (app == null ? "" : " " + app) + " --cursor " + next);
        }
        return 0;
    }

    /** The message's status, and whether it is unread, spam, or carries attachments. */
    private static String state(JsonNode m) {
        StringJoiner state = new StringJoiner(", ");
        state.add(m.path("status").asText());
        if (!m.path("read").asBoolean(true)) {
            state.add("unread");
        }
        if (m.path("spam").asBoolean(false)) {
            state.add("spam");
        }
        int attachments = m.path("attachments").asInt(0);
        if (attachments > 0) {
            state.add(attachments + (attachments == 1 ? " attachment" : " attachments"));
        }
        return state.toString();
    }

    @Command(
            name = "show",
            description = {
                "Show a received message: sender, recipient, authentication, text, attachments.",
                "--raw prints (with -o: saves) it as it arrived; --attachment N -o FILE saves one."
            })
    int show(
            @Parameters(paramLabel = "ID", description = "the message id") String id,
            @Option(names = "--raw", description = "the message as it arrived (RFC 5322)") boolean raw,
            @Option(names = "--attachment", paramLabel = "N", description = "save attachment N (as listed)")
                    Integer attachment,
            @Option(
                            names = {"-o", "--output"},
                            paramLabel = "FILE",
                            description = "write to FILE (must not exist)")
                    Path output,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        if (raw && attachment != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--raw and --attachment exclude each other");
        }
        if (attachment != null) {
            if (output == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--attachment needs -o FILE (attachment names come from the sender)");
            }
            long bytes =
                    save(AdminClient.path("mail", "messages", id, "attachments", Integer.toString(attachment)), output);
            return print(
                    "saved attachment " + attachment + " of " + id + " to " + output + " (" + Table.size(bytes) + ")");
        }
        if (raw) {
            String path = AdminClient.path("mail", "messages", id, "raw");
            if (output != null) {
                long bytes = save(path, output);
                return print("saved " + id + " to " + output + " (" + Table.size(bytes) + ")");
            }
            try (InputStream in = admin().download(path)) {
                PrintWriter out = out();
                out.print(MailText.body(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                out.flush();
                return 0;
            } catch (IOException e) {
                throw new CliFailure("reading " + id + " failed: " + e.getMessage());
            }
        }
        AdminClient.Reply reply = admin().get(AdminClient.path("mail", "messages", id));
        if (json) {
            return print(reply.body());
        }
        MessageDetailPrinter.print(reply.json(), out());
        return 0;
    }

    /** Streams a download into a new file; an existing file is never overwritten. Returns the bytes written. */
    private long save(String path, Path output) {
        if (Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new CliFailure(output + " exists; choose another file");
        }
        try (InputStream in = admin().download(path);
                OutputStream out = Files.newOutputStream(output, StandardOpenOption.CREATE_NEW)) {
            return in.transferTo(out);
        } catch (IOException e) {
            throw new CliFailure("writing " + output + " failed: " + e.getMessage());
        }
    }

    @Command(
            name = "outbound",
            description = {
                "Follow mail sent through the relay: one message's delivery state, or a list.",
                "States: queued, sending, retrying, sent, failed (the relay's answer says why)."
            })
    int outbound(
            @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "one outbound message") String id,
            @Option(names = "--app", paramLabel = "APP", description = "only mail this app sent") String app,
            @Option(names = "--status", paramLabel = "STATUS", description = "only messages in this state")
                    String status,
            @Option(names = "--limit", paramLabel = "N", description = "at most N messages (default 50)") Integer limit,
            @Option(names = "--cursor", paramLabel = "ID", description = "the page after this message") String cursor,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        if (id != null) {
            AdminClient.Reply reply = admin().get(AdminClient.path("mail", "outbound", id));
            if (json) {
                return print(reply.body());
            }
            OutboundPrinter.detail(reply.json(), out());
            return 0;
        }
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        Query.add(query, "status", status);
        Query.add(query, "limit", limit == null ? null : limit.toString());
        Query.add(query, "cursor", cursor);
        String path =
                app == null ? AdminClient.path("mail", "outbound") : AdminClient.path("apps", app, "mail", "outbound");
        AdminClient.Reply reply = admin().get(path + query);
        if (json) {
            return print(reply.body());
        }
        JsonNode messages = reply.json().path("messages");
        if (messages.isEmpty()) {
            return print(
                    "no outbound mail" + (app == null ? "" : " from " + app) + (status == null ? "" : " " + status));
        }
        OutboundPrinter.table(messages, out());
        String next = reply.json().path("nextCursor").asText(null);
        if (next != null) {
            print("more: fazt mail outbound" + (app == null ? "" : " --app " + app) + " --cursor " + next);
        }
        return 0;
    }

    @Command(
            name = "dns",
            description = {
                "Print the DNS records a mail domain needs (MX, SPF, DKIM, DMARC).",
                "A table, then zone-file lines. The DKIM key is made the first time it is asked for."
            })
    int dns(
            @Parameters(paramLabel = "DOMAIN", description = "the mail domain") String domain,
            @Option(names = "--json", description = "print the server's JSON") boolean json) {
        AdminClient.Reply reply = admin().get(AdminClient.path("mail", "domains", domain, "dns"));
        if (json) {
            return print(reply.body());
        }
        ZoneFile.print(reply.json(), out());
        return 0;
    }
}
