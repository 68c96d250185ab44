package fazt.mail.api;

import fazt.mail.outbound.OutboundException;
import fazt.mail.outbound.Outbox;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.mail.MailSubjects;
import fazt.proto.mail.SendRequest;
import jakarta.inject.Singleton;

/**
 * {@code svc.mail.send}: an app's {@code env.MAIL.send} from runtime-svc ({@link SendRequest} → {@code SendAnswer}),
 * answered once the message is stored and queued; 400 {@code mail/invalid-message}, 429 {@code mail/rate-limited}.
 */
@Singleton
final class SendEndpoint implements RequestEndpoint {
    private final Outbox outbox;

    SendEndpoint(Outbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public String subject() {
        return MailSubjects.SEND;
    }

    @Override
    public Object handle(IncomingRequest request) {
        SendRequest send = request.body(SendRequest.class);
        try {
            return outbox.sendForApp(send.appId(), send.message());
        } catch (OutboundException e) {
            throw OutboundProblems.toProblem(e);
        }
    }
}
