package fazt.mail.api;

import fazt.mail.outbound.OutboundException;
import fazt.platform.nats.ProblemException;
import fazt.proto.mail.MailSubjects;
import fazt.proto.problem.Problem;
import java.util.List;

/** The one mapping from sending's failures to problems. A new failure does not compile until it is mapped here. */
final class OutboundProblems {
    private OutboundProblems() {}

    static ProblemException toProblem(OutboundException e) {
        Problem base =
                switch (e) {
                    case OutboundException.InvalidMessage x ->
                        Problem.of(400, "mail/invalid-message", "Invalid message", x.getMessage());
                    case OutboundException.InvalidRequest x ->
                        Problem.of(400, "mail/invalid-request", "Invalid request", x.getMessage());
                    case OutboundException.RateLimited x ->
                        Problem.of(429, "mail/rate-limited", "Too many messages", x.getMessage())
                                .withExtension(MailSubjects.RETRY_AFTER, x.retryAfterSeconds());
                    case OutboundException.NoOutbound x ->
                        Problem.of(404, "mail/no-outbound", "Outbound message not found", x.getMessage());
                    case OutboundException.NoMessage x ->
                        Problem.of(404, "mail/no-message", "Message not found", x.getMessage());
                    case OutboundException.UnknownDomain x ->
                        Problem.of(404, "mail/unknown-domain", "Unknown mail domain", x.getMessage());
                    case OutboundException.AppNotFound x ->
                        Problem.of(404, "mail/app-not-found", "App not found", x.getMessage());
                };
        if (e.field() != null) {
            base = base.withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return new ProblemException(base);
    }
}
