package fazt.server.admin;

import static fazt.server.admin.AdminRoutes.ROUTES;
import static fazt.server.admin.AdminRoutes.RUN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminApi;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.PrincipalAssertion;
import fazt.proto.auth.PrincipalAssertions;
import fazt.proto.auth.PrincipalKeysReply;
import fazt.proto.auth.PrincipalKeysRequest;
import fazt.server.admin.AdminRoutes.Route;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.net.http.HttpResponse;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every admin route known on this branch ({@link AdminRoutes}), sent straight over NATS to its service as anyone on
 * NATS could, with a forged principal (an unsigned record saying admin, or one signed with a key auth-svc never
 * published): a 401 {@code auth/unauthorized} that changes nothing (ADR 32).
 */
class ForgedPrincipalIT {
    static final String TOKEN = "it-scopes-admin-token-0123456789";

    @RegisterExtension
    static final TestSuite suite = AdminRoutes.allServices(TOKEN);

    static final AdminEdge edge = new AdminEdge(suite);

    static String runId;

    @BeforeAll
    static void deployBlog() throws Exception {
        runId = AdminRoutes.deployBlogWithARun(edge, TOKEN);
    }

    static Stream<Arguments> forgeries() {
        List<Arguments> out = new ArrayList<>();
        for (Route route : ROUTES) {
            out.add(Arguments.of(route, "unsigned"));
            out.add(Arguments.of(route, "foreign key"));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} with a {1} admin principal -> 401")
    @MethodSource("forgeries")
    void aForgedPrincipalIsRefusedByEveryAdminHandler(Route route, String forgery) throws Exception {
        Principal admin = new Principal("bootstrap", "bootstrap admin", List.of(Principal.ADMIN), "bootstrap");
        String path = route.path().replace(RUN, runId);
        String apiPath = path.substring("/api".length());
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (apiPath.contains("?")) {
            for (String pair : apiPath.substring(apiPath.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv.length > 1 ? kv[1] : ""));
            }
            apiPath = apiPath.substring(0, apiPath.indexOf('?'));
        }
        String before = stateSeenByAdmin();
        try (Connection nats = suite.nats().connect()) {
            NatsRequester requester = new NatsRequester(nats, suite.nats().root());
            Principal forged = admin;
            if (forgery.equals("foreign key")) {
                // The key id auth-svc really signs with, and a signature it never made.
                String keyId = requester
                        .call(
                                AuthSubjects.PRINCIPAL_KEYS,
                                new PrincipalKeysRequest(null),
                                PrincipalKeysReply.class,
                                Duration.ofSeconds(5))
                        .keys()
                        .getFirst()
                        .keyId();
                long now = Instant.now().getEpochSecond();
                forged = admin.withAssertion(PrincipalAssertions.sign(
                        new PrincipalAssertion(
                                keyId,
                                suite.nats().root().value(),
                                admin.subject(),
                                admin.name(),
                                admin.scopes(),
                                admin.credential(),
                                now,
                                now + 60),
                        FOREIGN.getPrivate()));
            }
            AdminRequest request = new AdminRequest(
                    route.method(),
                    apiPath,
                    query,
                    forged,
                    route.body() == null ? null : "application/json",
                    route.body(),
                    null,
                    "r-forged");
            ServiceName owner = AdminApi.TABLE.ownerOf(apiPath);
            CompletableFuture<Message> reply = requester.requestRaw(
                    AdminSubjects.of(owner),
                    Map.of(
                            FaztHeaders.TYPE,
                            MessageCodec.typeId(AdminRequest.class),
                            FaztHeaders.CLIENT_IP,
                            "192.0.2.7",
                            FaztHeaders.ADMIN_ORIGIN,
                            "http://admin.localhost"),
                    MessageCodec.INSTANCE.encode(request),
                    Duration.ofSeconds(10));
            assertThatThrownBy(reply::get)
                    .cause()
                    .isInstanceOfSatisfying(NatsRequester.RemoteProblemException.class, e -> {
                        assertThat(e.problem().status()).isEqualTo(401);
                        assertThat(e.problem().type()).isEqualTo("https://errors.fazt.dev/auth/unauthorized");
                    });
        }
        assertThat(stateSeenByAdmin()).isEqualTo(before);
    }

    static final KeyPair FOREIGN = PrincipalAssertions.generateKeyPair();

    /** What a forged call could change: the apps, the accounts, the tokens and the signup setting, as an admin sees them. */
    static String stateSeenByAdmin() throws Exception {
        StringBuilder state = new StringBuilder();
        for (String path : List.of("/api/apps", "/api/users", "/api/tokens?all=true", "/api/settings/signup")) {
            HttpResponse<String> r = edge.call("GET", path, null, "Authorization", "Bearer " + TOKEN);
            assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
            state.append(r.body()).append('\n');
        }
        return state.toString();
    }
}
