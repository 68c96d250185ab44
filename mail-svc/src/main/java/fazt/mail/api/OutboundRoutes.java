package fazt.mail.api;

import fazt.platform.nats.ProblemException;
import fazt.platform.service.admin.AdminCall;
import fazt.proto.admin.AdminResponse;
import fazt.proto.problem.Problem;
import jakarta.inject.Singleton;

/**
 * Placeholder for the outbound routes of {@code MailAdminApi} (sending, the outbound queue, the relay, a domain's DNS
 * records): each answers {@code 503 mail/outbound-unavailable} until the outbound part of mail-svc replaces this file.
 */
@Singleton
final class OutboundRoutes {
    AdminResponse send(AdminCall call) {
        throw unavailable();
    }

    AdminResponse list(AdminCall call) {
        throw unavailable();
    }

    AdminResponse show(AdminCall call) {
        throw unavailable();
    }

    AdminResponse appList(AdminCall call) {
        throw unavailable();
    }

    AdminResponse relay(AdminCall call) {
        throw unavailable();
    }

    AdminResponse setRelay(AdminCall call) {
        throw unavailable();
    }

    AdminResponse dns(AdminCall call) {
        throw unavailable();
    }

    private static ProblemException unavailable() {
        return new ProblemException(Problem.of(
                503, "mail/outbound-unavailable", "Outbound mail unavailable", "Sending mail is not available yet."));
    }
}
