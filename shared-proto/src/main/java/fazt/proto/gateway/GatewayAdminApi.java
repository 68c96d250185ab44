package fazt.proto.gateway;

import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRoute;
import java.util.List;

/**
 * The gateway's part of the admin API (ADR 28): the TLS certificates it serves, and
 * {@code fazt doctor}'s report (ADR 40). Forwarded like every other route, to
 * {@code svc.gateway.admin}, which any gateway instance answers (they share the gateway schema).
 */
public final class GatewayAdminApi {
    private GatewayAdminApi() {}

    public static final List<AdminRoute> ROUTES = List.of(
            route("GET", "/certificates", "admin", "Lists the TLS certificates: state, expiry, last error")
                    .returns(200, CertificateList.class),
            route(
                            "PUT",
                            "/domains/{domain}/certificate",
                            "admin",
                            "Stores your own certificate for a name (body: chain and key, PEM), served by SNI from then on")
                    .accepts(CertificateBody.class)
                    .returns(200, CertificateView.class),
            route(
                            "GET",
                            "/doctor",
                            "admin",
                            "Checks the whole installation (NATS, every service instance, databases, clocks, disks,"
                                    + " certificates, domains' DNS): one line per check, OK, WARN or FAIL")
                    .returns(200, DoctorReport.class));

    private static AdminRoute route(String method, String template, String scope, String summary) {
        return AdminRoute.of(ServiceName.GATEWAY, method, template, scope, summary);
    }
}
