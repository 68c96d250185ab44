package fazt.proto.admin;

import fazt.proto.auth.AuthAdminApi;
import fazt.proto.deploy.DeployAdminApi;
import fazt.proto.gateway.GatewayAdminApi;
import fazt.proto.mail.MailAdminApi;
import fazt.proto.runtime.RuntimeAdminApi;
import fazt.proto.scheduler.SchedulerAdminApi;
import fazt.proto.storage.StorageAdminApi;
import java.util.List;
import java.util.stream.Stream;

/**
 * The whole admin API: every service's route table in one. The gateway finds a path's owner here
 * ({@link AdminRouteTable#ownerOf}) and which calls need no caller ({@link AdminRouteTable#isPublic}); the OpenAPI
 * document is generated from it ({@link AdminOpenApi}).
 */
public final class AdminApi {
    private AdminApi() {}

    public static final AdminRouteTable TABLE = new AdminRouteTable(Stream.of(
                    DeployAdminApi.ROUTES,
                    AuthAdminApi.ROUTES,
                    SchedulerAdminApi.ROUTES,
                    RuntimeAdminApi.ROUTES,
                    GatewayAdminApi.ROUTES,
                    MailAdminApi.ROUTES,
                    StorageAdminApi.ROUTES)
            .flatMap(List::stream)
            .toList());
}
