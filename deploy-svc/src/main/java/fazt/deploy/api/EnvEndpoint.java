package fazt.deploy.api;

import fazt.deploy.domain.AppId;
import fazt.deploy.domain.ManageEnv;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.deploy.AppEnvRequest;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.problem.Problem;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * {@code svc.deploy.env.get}: an app's env vars and secrets, decrypted, for runtime-svc to put in a handler's
 * {@code env}. The app is named by its id, which runtime-svc takes from the platform (the site it serves), never
 * from app code.
 */
@Singleton
final class EnvEndpoint implements RequestEndpoint {
    private final ManageEnv env;

    EnvEndpoint(ManageEnv env) {
        this.env = env;
    }

    @Override
    public String subject() {
        return DeploySubjects.ENV_GET;
    }

    @Override
    public AppEnvReply handle(IncomingRequest request) {
        String appId = request.body(AppEnvRequest.class).appId();
        if (appId == null || appId.isBlank()) {
            throw new ProblemException(
                    Problem.of(400, "deploy/invalid-request", "Invalid request", "The request needs appId.")
                            .withErrors(List.of(new Problem.FieldError("appId", "is required"))));
        }
        Map<String, String> values = env.values(new AppId(appId));
        return values == null ? new AppEnvReply(false, Map.of()) : new AppEnvReply(true, values);
    }
}
