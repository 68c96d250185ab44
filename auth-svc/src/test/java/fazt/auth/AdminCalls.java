package fazt.auth;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.auth.domain.PrincipalSigner;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.NatsRequester;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.admin.AdminRequest;
import fazt.proto.admin.AdminResponse;
import fazt.proto.admin.AdminSubjects;
import fazt.proto.auth.AuthSubjects;
import fazt.proto.auth.Principal;
import fazt.proto.auth.TokenVerifyReply;
import fazt.proto.auth.TokenVerifyRequest;
import io.nats.client.Connection;
import io.nats.client.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Calls auth-svc's admin endpoint as the gateway does (an {@link AdminRequest} over NATS with the client IP header),
 * the caller signed by the running auth-svc's own {@link PrincipalSigner}, as its token check would have signed it
 * (ADR 32); {@link #callUnsigned} sends the principal as given.
 */
final class AdminCalls implements AutoCloseable {
    /** An answer: status, headers and JSON body, whether a success or a problem. */
    record Answer(int status, Map<String, String> headers, JsonNode json) {}

    private final Connection nats;
    private final NatsRequester requester;
    private final PrincipalSigner signer;

    AdminCalls(TestSuite suite) throws Exception {
        this.nats = suite.nats().connect();
        this.requester = new NatsRequester(nats, suite.nats().root());
        this.signer = suite.service(ServiceName.AUTH).context().getBean(PrincipalSigner.class);
    }

    Answer call(String method, String path, String body, Principal who, String ip) throws Exception {
        return callUnsigned(method, path, body, who == null ? null : signer.sign(who), ip);
    }

    /** The call with {@code who} exactly as given, signed or not. */
    Answer callUnsigned(String method, String path, String body, Principal who, String ip) throws Exception {
        String rawPath = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        Map<String, List<String>> query = new HashMap<>();
        if (path.contains("?")) {
            for (String pair : path.substring(path.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], List.of(kv.length > 1 ? kv[1] : ""));
            }
        }
        AdminRequest request = new AdminRequest(method, rawPath, query, who, "application/json", body, null, "r-test");
        try {
            Message reply = requester
                    .requestRaw(
                            AdminSubjects.of(ServiceName.AUTH),
                            Map.of(
                                    FaztHeaders.TYPE,
                                    MessageCodec.typeId(AdminRequest.class),
                                    FaztHeaders.CLIENT_IP,
                                    ip,
                                    FaztHeaders.ADMIN_ORIGIN,
                                    "https://admin.example.test"),
                            MessageCodec.INSTANCE.encode(request),
                            Duration.ofSeconds(10))
                    .get();
            AdminResponse response = MessageCodec.INSTANCE.decode(reply.getData(), AdminResponse.class);
            JsonNode json = response.body() == null
                    ? null
                    : MessageCodec.INSTANCE.mapper().readTree(response.body());
            return new Answer(response.status(), response.headers() == null ? Map.of() : response.headers(), json);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof NatsRequester.RemoteProblemException problem) {
                return new Answer(
                        problem.problem().status(),
                        Map.of(),
                        MessageCodec.INSTANCE.mapper().valueToTree(problem.problem()));
            }
            throw e;
        }
    }

    Answer call(String method, String path, String body, Principal who) throws Exception {
        return call(method, path, body, who, "192.0.2.1");
    }

    TokenVerifyReply verify(String token) throws Exception {
        return requester
                .request(
                        AuthSubjects.TOKEN_VERIFY,
                        new TokenVerifyRequest(token),
                        TokenVerifyReply.class,
                        Duration.ofSeconds(5))
                .get();
    }

    Connection nats() {
        return nats;
    }

    @Override
    public void close() throws Exception {
        nats.close();
    }
}
