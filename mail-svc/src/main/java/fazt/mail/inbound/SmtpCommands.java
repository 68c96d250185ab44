package fazt.mail.inbound;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.internal.server.BaseCommand;
import org.subethamail.smtp.internal.server.Command;
import org.subethamail.smtp.internal.server.CommandHandler;
import org.subethamail.smtp.internal.server.HelpMessage;
import org.subethamail.smtp.internal.util.EmailUtils;
import org.subethamail.smtp.server.Session;

/**
 * fazt's changes to subethasmtp's commands: {@code EHLO} announces PIPELINING and ENHANCEDSTATUSCODES (which the
 * library leaves out) and not CHUNKING, {@code BDAT} is not offered, and every command counts against the session's
 * limit of commands before a message is accepted ({@code 421 4.7.0} and closed beyond). {@code MAIL} and {@code RCPT}
 * answer with enhanced status codes ({@code 250 2.1.0}, {@code 250 2.1.5}, RFC 3463) like fazt's refusals; the
 * library's other replies ({@code NOOP}, {@code RSET}, sequencing errors) keep its own text.
 */
final class SmtpCommands {
    private static final Pattern SIZE = Pattern.compile("(?i)\\sSIZE=([0-9]+)");

    private SmtpCommands() {}

    static void install(CommandHandler handler, SessionGate gate, SmtpLimits limits) {
        handler.addCommand(new Ehlo());
        handler.addCommand(new MailFrom());
        handler.addCommand(new RcptTo());
        handler.addCommand(new NotOffered("BDAT"));
        for (String verb : Set.copyOf(handler.getVerbs())) {
            Command command = handler.getCommand(verb);
            handler.addCommand(new Counted(command, gate, limits.maxCommands()));
        }
    }

    /** EHLO with the extensions fazt supports. */
    static final class Ehlo extends BaseCommand {
        Ehlo() {
            super("EHLO", "Introduce yourself.", "<hostname>");
        }

        @Override
        public void execute(String commandString, Session sess) throws IOException {
            String[] args = getArgs(commandString);
            if (args.length < 2) {
                sess.sendResponse("501 5.5.4 Syntax: EHLO hostname");
                return;
            }
            sess.resetMailTransaction();
            sess.setHelo(args[1]);
            List<String> lines = new ArrayList<>();
            lines.add(sess.getServer().getHostName());
            lines.add("PIPELINING");
            lines.add("SIZE " + sess.getServer().getMaxMessageSize());
            lines.add("8BITMIME");
            lines.add("SMTPUTF8");
            lines.add("ENHANCEDSTATUSCODES");
            if (sess.getServer().getEnableTLS() && !sess.isTLSStarted()) {
                lines.add("STARTTLS");
            }
            StringBuilder response = new StringBuilder();
            for (int i = 0; i < lines.size(); i++) {
                response.append(i == lines.size() - 1 ? "250 " : "250-").append(lines.get(i));
                if (i < lines.size() - 1) {
                    response.append("\r\n");
                }
            }
            sess.sendResponse(response.toString());
        }
    }

    /** MAIL FROM, as the library's but with enhanced status codes; {@code SIZE=} over the limit is refused. */
    static final class MailFrom extends BaseCommand {
        MailFrom() {
            super("MAIL", "Specifies the sender.", "FROM: <sender> [ <parameters> ]");
        }

        @Override
        public void execute(String commandString, Session sess) throws IOException, DropConnectionException {
            if (sess.isMailTransactionInProgress()) {
                sess.sendResponse("503 5.5.1 Sender already specified");
                return;
            }
            String args = getArgPredicate(commandString);
            if (!args.toUpperCase(Locale.ROOT).startsWith("FROM:")
                    || args.strip().equalsIgnoreCase("FROM:")) {
                sess.sendResponse("501 5.5.4 Syntax: MAIL FROM:<address>");
                return;
            }
            String address = EmailUtils.extractEmailAddress(args, 5);
            long size = 0;
            Matcher m = SIZE.matcher(args);
            if (m.find()) {
                try {
                    size = Long.parseLong(m.group(1));
                } catch (NumberFormatException e) {
                    size = Long.MAX_VALUE;
                }
            }
            if (size > sess.getServer().getMaxMessageSize()) {
                sess.sendResponse("552 5.3.4 Message size exceeds fixed limit");
                return;
            }
            sess.setDeclaredMessageSize((int) size);
            sess.startMailTransaction();
            try {
                sess.getMessageHandler().from(address);
            } catch (DropConnectionException e) {
                sess.resetMailTransaction();
                throw e;
            } catch (RejectException e) {
                sess.resetMailTransaction();
                sess.sendResponse(e.getErrorResponse());
                return;
            }
            sess.sendResponse("250 2.1.0 Ok");
        }
    }

    /** RCPT TO, as the library's but with enhanced status codes; fazt's handler checks the recipient. */
    static final class RcptTo extends BaseCommand {
        RcptTo() {
            super("RCPT", "Specifies a recipient.", "TO: <recipient> [ <parameters> ]");
        }

        @Override
        public void execute(String commandString, Session sess) throws IOException, DropConnectionException {
            if (!sess.isMailTransactionInProgress()) {
                sess.sendResponse("503 5.5.1 Error: need MAIL command");
                return;
            }
            String args = getArgPredicate(commandString);
            if (!args.toUpperCase(Locale.ROOT).startsWith("TO:")) {
                sess.sendResponse("501 5.5.4 Syntax: RCPT TO:<address>");
                return;
            }
            String address = EmailUtils.extractEmailAddress(args, 3);
            try {
                sess.getMessageHandler().recipient(address);
            } catch (DropConnectionException e) {
                throw e;
            } catch (RejectException e) {
                sess.sendResponse(e.getErrorResponse());
                return;
            }
            sess.addRecipient(address);
            sess.sendResponse("250 2.1.5 Ok");
        }
    }

    /** A verb the library knows but fazt does not offer. */
    static final class NotOffered extends BaseCommand {
        NotOffered(String verb) {
            super(verb, "Not offered.");
        }

        @Override
        public void execute(String commandString, Session sess) throws IOException {
            sess.sendResponse("502 5.5.1 Command not implemented");
        }
    }

    /** Counts a command against the session's limit, then runs it. */
    static final class Counted implements Command {
        private final Command inner;
        private final SessionGate gate;
        private final int max;

        Counted(Command inner, SessionGate gate, int max) {
            this.inner = inner;
            this.gate = gate;
            this.max = max;
        }

        @Override
        public void execute(String commandString, Session sess) throws IOException, DropConnectionException {
            if (gate.counters(sess.getSessionId()).commands.incrementAndGet() > max) {
                throw new DropConnectionException(421, "4.7.0 Too many commands, closing connection");
            }
            inner.execute(commandString, sess);
        }

        @Override
        public HelpMessage getHelp() throws org.subethamail.smtp.internal.server.CommandException {
            return inner.getHelp();
        }

        @Override
        public String getName() {
            return inner.getName();
        }
    }
}
