package fazt.gateway.tls;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.gateway.doctor.Doctor;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.service.admin.AdminCall;
import fazt.platform.service.admin.AdminInput;
import fazt.platform.service.admin.AdminRouter;
import fazt.platform.service.admin.PrincipalVerifier;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.gateway.CertificateList;
import fazt.proto.gateway.CertificateView;
import fazt.proto.gateway.GatewayAdminApi;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code svc.gateway.admin}: the gateway's part of the admin API ({@link GatewayAdminApi}: certificates, ADR 28, and
 * {@code GET /doctor}, run by {@link Doctor}, ADR 40), forwarded by
 * the gateway to itself like any service's routes (any instance answers; they share the gateway schema). An uploaded
 * certificate is checked by {@link UploadedCertificate}; what is wrong with it is a 400 on {@code chain} or
 * {@code key}. The key is never echoed or logged.
 */
@Singleton
final class CertificateAdminEndpoint implements RequestEndpoint {
    /** A PEM chain or key larger than this is not a certificate. */
    static final int MAX_PEM = 64 * 1024;

    private final CertificateManager certificates;
    private final AdminInput input = new AdminInput(ServiceName.GATEWAY);
    private final AdminRouter router;

    CertificateAdminEndpoint(CertificateManager certificates, Doctor doctor, PrincipalVerifier verifier) {
        this.certificates = certificates;
        this.router = AdminRouter.of(ServiceName.GATEWAY, GatewayAdminApi.ROUTES)
                .on("GET /certificates", this::list)
                .on("GET /doctor", call -> json(200, doctor.run(views())))
                .on("PUT /domains/{domain}/certificate", this::upload)
                .verifiedBy(verifier)
                .build();
    }

    @Override
    public String subject() {
        return AdminSubjects.of(ServiceName.GATEWAY);
    }

    @Override
    public AdminResponse handle(IncomingRequest incoming) {
        return router.handle(incoming);
    }

    private AdminResponse list(AdminCall call) {
        return json(200, new CertificateList(views(), certificates.backlog()));
    }

    private List<CertificateView> views() {
        return certificates.statuses().stream()
                .map(CertificateAdminEndpoint::view)
                .toList();
    }

    private AdminResponse upload(AdminCall call) {
        String domain = CertificateManager.canonical(call.param("domain"));
        JsonNode body = input.jsonBody(call.request());
        String chain = input.requiredText(body, "chain");
        String key = input.requiredText(body, "key");
        if (chain.length() > MAX_PEM || key.length() > MAX_PEM) {
            throw input.invalid(chain.length() > MAX_PEM ? "chain" : "key", "At most " + MAX_PEM + " characters.");
        }
        try {
            certificates.upload(domain, chain, key);
        } catch (IllegalArgumentException e) {
            throw input.invalid(e.getMessage().contains("key") ? "key" : "chain", e.getMessage());
        }
        return json(
                200,
                certificates.statuses().stream()
                        .filter(s -> s.name().equals(domain))
                        .findFirst()
                        .map(CertificateAdminEndpoint::view)
                        .orElseThrow());
    }

    private static CertificateView view(CertificateRecords.Status s) {
        return new CertificateView(
                s.name(),
                s.source(),
                s.state(),
                s.notAfter(),
                s.issuer(),
                s.lastError(),
                s.attempts(),
                s.nextAttempt(),
                s.renewAfter(),
                s.renewSource());
    }

    private static AdminResponse json(int status, Object answer) {
        return AdminResponse.json(status, new String(MessageCodec.INSTANCE.encode(answer), StandardCharsets.UTF_8));
    }
}
