package fazt.mail.outbound;

import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * {@link MailTransport} through the configured SMTP relay with Angus Mail's SMTP client: STARTTLS required unless
 * the relay's {@code tls} is {@code none} ({@code tls}: implicit TLS), AUTH when a username is set, connect 10 s and
 * read/write 60 s timeouts, the stored bytes sent unchanged. A 2xx for at least one recipient is
 * {@link MailTransport.Outcome#ACCEPTED} (the others recorded as refused), a 5xx {@code PERMANENT}, and a 4xx, an
 * AUTH failure (the relay's settings can be fixed) or any connection trouble {@code TEMPORARY}.
 */
public final class SmtpRelayTransport implements MailTransport {
    static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    static final int IO_TIMEOUT_MILLIS = 60_000;

    private final String heloName;

    /** @param heloName the name fazt greets the relay with ({@code FAZT_SMTP_HOSTNAME}) */
    public SmtpRelayTransport(String heloName) {
        this.heloName = heloName;
    }

    @Override
    public Result deliver(Relays.Relay relay, String envelopeFrom, List<String> recipients, byte[] raw) {
        boolean implicitTls = relay.tls().equals("tls");
        String protocol = implicitTls ? "smtps" : "smtp";
        Session session = Session.getInstance(properties(relay, protocol));
        SMTPTransport transport = null;
        try {
            SMTPMessage message = new SMTPMessage(session, new ByteArrayInputStream(raw));
            message.setEnvelopeFrom(envelopeFrom == null || envelopeFrom.isEmpty() ? "<>" : envelopeFrom);
            Address[] to = new Address[recipients.size()];
            for (int i = 0; i < to.length; i++) {
                to[i] = new InternetAddress(recipients.get(i), false);
            }
            transport = (SMTPTransport) session.getTransport(protocol);
            transport.connect(relay.host(), relay.port(), relay.username(), relay.password());
            transport.sendMessage(message, to);
            return Result.of(Outcome.ACCEPTED, answer(transport.getLastServerResponse()));
        } catch (SendFailedException e) {
            return sendFailed(e, transport);
        } catch (AuthenticationFailedException e) {
            return Result.of(Outcome.TEMPORARY, "authentication at the relay failed: " + oneLine(e.getMessage()));
        } catch (MessagingException e) {
            return Result.of(
                    Outcome.TEMPORARY,
                    "relay " + relay.host() + ":" + relay.port() + " unreachable: " + oneLine(rootMessage(e)));
        } finally {
            close(transport);
        }
    }

    private Result sendFailed(SendFailedException e, SMTPTransport transport) {
        List<String> refused = new ArrayList<>();
        boolean anyTemporary = false;
        int code = e instanceof SMTPSendFailedException s ? s.getReturnCode() : -1;
        String answer = oneLine(e.getMessage());
        for (Exception next = e.getNextException(); next != null; ) {
            if (next instanceof SMTPAddressFailedException a) {
                refused.add(a.getAddress() + " " + oneLine(a.getMessage()));
                anyTemporary |= a.getReturnCode() / 100 == 4;
                if (code < 0) {
                    code = a.getReturnCode();
                    answer = oneLine(a.getMessage());
                }
            } else if (next instanceof SMTPSendFailedException s && code < 0) {
                code = s.getReturnCode();
                answer = oneLine(s.getMessage());
            }
            next = next instanceof MessagingException m ? m.getNextException() : null;
        }
        Address[] sent = e.getValidSentAddresses();
        if (sent != null && sent.length > 0) {
            String last = transport == null ? null : transport.getLastServerResponse();
            return new Result(Outcome.ACCEPTED, last == null ? answer : answer(last), List.copyOf(refused));
        }
        boolean temporary = code / 100 == 4 || (code < 0 && anyTemporary) || code < 0 && refused.isEmpty();
        return new Result(temporary ? Outcome.TEMPORARY : Outcome.PERMANENT, answer, List.copyOf(refused));
    }

    private Properties properties(Relays.Relay relay, String protocol) {
        String p = "mail." + protocol + ".";
        Properties props = new Properties();
        props.put(p + "host", relay.host());
        props.put(p + "port", Integer.toString(relay.port()));
        props.put(p + "connectiontimeout", Integer.toString(CONNECT_TIMEOUT_MILLIS));
        props.put(p + "timeout", Integer.toString(IO_TIMEOUT_MILLIS));
        props.put(p + "writetimeout", Integer.toString(IO_TIMEOUT_MILLIS));
        props.put(p + "localhost", heloName);
        props.put(p + "sendpartial", "true");
        props.put(p + "auth", Boolean.toString(relay.username() != null));
        switch (relay.tls()) {
            case "starttls" -> {
                props.put(p + "starttls.enable", "true");
                props.put(p + "starttls.required", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            case "tls" -> {
                props.put(p + "ssl.enable", "true");
                props.put(p + "ssl.checkserveridentity", "true");
            }
            default -> props.put(p + "starttls.enable", "false");
        }
        return props;
    }

    private static String answer(String serverResponse) {
        return serverResponse == null ? "accepted" : oneLine(serverResponse);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t == e ? String.valueOf(e.getMessage()) : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    /** One line, at most 500 characters: relays' answers are shown and stored. */
    static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.replaceAll("[\\r\\n]+", " ").strip();
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private static void close(SMTPTransport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException ignored) {
                // the message's fate is decided; a failing QUIT changes nothing
            }
        }
    }
}
