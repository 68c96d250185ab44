package fazt.mail.api;

import fazt.mail.domain.MailException;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.mail.MailAdminApi;
import jakarta.inject.Singleton;

/**
 * {@code svc.mail.admin}: mail-svc's part of the admin API ({@link MailAdminApi}), forwarded by the gateway. One
 * handler per declared route: the inbox ({@link InboxRoutes}), the addresses ({@link AddressRoutes}) and the outbound
 * side ({@link OutboundRoutes}).
 */
@Singleton
final class AdminEndpoint implements RequestEndpoint {
    private final AdminRouter router;

    AdminEndpoint(InboxRoutes inbox, AddressRoutes addresses, OutboundRoutes outbound, PrincipalVerifier verifier) {
        this.router = AdminRouter.of(ServiceName.MAIL, MailAdminApi.ROUTES)
                .on("GET /apps/{name}/mail", addresses::appMail)
                .on("GET /apps/{name}/mail/messages", inbox::appMessages)
                .on("GET /mail/messages", inbox::messages)
                .on("GET /mail/messages/{id}", inbox::message)
                .on("GET /mail/messages/{id}/raw", inbox::raw)
                .on("GET /mail/messages/{id}/attachments/{index}", inbox::attachment)
                .on("PATCH /mail/messages/{id}", inbox::mark)
                .on("DELETE /mail/messages/{id}", inbox::delete)
                .on("GET /mail/addresses", addresses::list)
                .on("POST /mail/addresses", addresses::claim)
                .on("DELETE /mail/addresses/{address}", addresses::release)
                .on("GET /apps/{name}/mail/outbound", outbound::appList)
                .on("POST /mail/send", outbound::send)
                .on("GET /mail/outbound", outbound::list)
                .on("GET /mail/outbound/{id}", outbound::show)
                .on("GET /mail/relay", outbound::relay)
                .on("PUT /mail/relay", outbound::setRelay)
                .on("GET /mail/domains/{domain}/dns", outbound::dns)
                .verifiedBy(verifier)
                .build();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.MAIL);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        try {
            return router.handle(incoming);
        } catch (MailException e) {
            throw ProblemMapper.toProblem(e);
        }
    }
}
