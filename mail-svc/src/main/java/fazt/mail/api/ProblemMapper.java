package fazt.mail.api;

import fazt.mail.domain.MailException;
import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import java.util.List;

/** The one mapping from mail-svc's refusals to problems. A new refusal does not compile until it is mapped here. */
final class ProblemMapper {
    private ProblemMapper() {}

    static ProblemException toProblem(MailException e) {
        Problem base =
                switch (e) {
                    case MailException.NoMessage x ->
                        Problem.of(404, "mail/no-message", "Message not found", x.getMessage());
                    case MailException.NoPart x -> Problem.of(404, "mail/no-part", "Part not found", x.getMessage());
                    case MailException.AppNotFound x ->
                        Problem.of(404, "mail/app-not-found", "App not found", x.getMessage());
                    case MailException.InvalidAddress x ->
                        Problem.of(400, "mail/invalid-address", "Invalid address", x.getMessage());
                    case MailException.AddressTaken x ->
                        Problem.of(409, "mail/address-taken", "Address already claimed", x.getMessage())
                                .withExtension("holder", x.holder());
                    case MailException.NoAddress x ->
                        Problem.of(404, "mail/no-address", "Address not claimed", x.getMessage());
                    case MailException.InvalidRequest x ->
                        Problem.of(400, "mail/invalid-request", "Invalid request", x.getMessage());
                    case MailException.NotAllowed x -> Problem.of(403, "mail/forbidden", "Forbidden", x.getMessage());
                };
        if (e.field() != null) {
            base = base.withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return new ProblemException(base);
    }
}
