package fazt.mail;

import static fazt.mail.MailFixture.MAIL_DOMAIN;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.NatsRequester;
import fazt.platform.test.standins.MailContract;
import fazt.platform.test.standins.MailStandIn;
import fazt.proto.mail.MailHeader;
import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.angus.mail.smtp.SMTPMessage;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The real mail-svc keeps the {@link MailContract} runtime-svc's tests hold {@link MailStandIn} to: apps deployed
 * through the deploy stand-in, each message delivered over SMTP (Angus Mail, STARTTLS) to the app's private address
 * and found in its mailbox through the admin API, then read, chunked, rejected and sent from over NATS.
 */
class MailContractIT implements MailContract {
    @RegisterExtension
    static final MailFixture mail = new MailFixture();

    @Override
    public NatsRequester mail() {
        return mail.requester();
    }

    @Override
    public String app() throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String appId = "a_" + suffix;
        mail.app(appId, "c" + suffix, List.of(), true);
        return appId;
    }

    @Override
    public String address(String appId) {
        return appId.toLowerCase(Locale.ROOT) + "@" + MAIL_DOMAIN;
    }

    @Override
    public String receive(String appId, MailStandIn.Incoming message) throws Exception {
        SMTPMessage m = new SMTPMessage(mail.session());
        m.setEnvelopeFrom(message.mailFrom());
        m.setFrom(new InternetAddress(message.from()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(message.to()));
        m.setSubject(message.subject(), "UTF-8");
        for (MailHeader h : message.headers()) {
            m.addHeader(h.name(), h.value());
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(message.text(), "UTF-8");
        MimeBodyPart html = new MimeBodyPart();
        html.setContent(message.html(), "text/html; charset=UTF-8");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        MimeBodyPart body = new MimeBodyPart();
        body.setContent(alternative);
        MimeMultipart mixed = new MimeMultipart("mixed");
        mixed.addBodyPart(body);
        for (MailStandIn.Attachment a : message.attachments()) {
            MimeBodyPart part = new MimeBodyPart();
            part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
            part.setFileName(a.filename());
            if (a.contentId() != null) {
                part.setContentID("<" + a.contentId() + ">");
            }
            mixed.addBodyPart(part);
        }
        m.setContent(mixed);
        mail.send(m, message.to());

        String name = "c" + appId.substring(2);
        JsonNode list = mail.waitForSubject(name, message.subject());
        for (JsonNode summary : list.path("messages")) {
            if (summary.path("subject").asText().equals(message.subject())) {
                return summary.path("id").asText();
            }
        }
        throw new AssertionError("no message " + message.subject() + " in " + list);
    }
}
