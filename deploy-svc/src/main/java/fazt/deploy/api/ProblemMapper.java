package fazt.deploy.api;

import fazt.deploy.domain.DeployException;
import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import java.util.List;

/** The one mapping from deploy-svc's failures to problems. A new failure does not compile until it is mapped here. */
final class ProblemMapper {
    private ProblemMapper() {}

    static ProblemException toProblem(DeployException e) {
        Problem base =
                switch (e) {
                    case DeployException.AppNotFound x ->
                        Problem.of(404, "deploy/app-not-found", "App not found", x.getMessage());
                    case DeployException.AppNameTaken x ->
                        Problem.of(409, "deploy/app-name-taken", "App name already in use", x.getMessage());
                    case DeployException.InvalidAppName x ->
                        Problem.of(422, "deploy/invalid-app-name", "Invalid app name", x.getMessage());
                    case DeployException.BundleRejected x ->
                        Problem.of(422, "deploy/bundle-rejected", "Bundle rejected", x.getMessage());
                    case DeployException.ManifestRejected x ->
                        Problem.of(422, "deploy/manifest-rejected", "Manifest rejected", x.getMessage());
                    case DeployException.VersionNotFound x ->
                        Problem.of(404, "deploy/version-not-found", "Version not found", x.getMessage());
                    case DeployException.FileNotFound x ->
                        Problem.of(404, "deploy/file-not-found", "File not found", x.getMessage());
                    case DeployException.InvalidRequest x ->
                        Problem.of(400, "deploy/invalid-request", "Invalid request", x.getMessage());
                    case DeployException.NotAllowed x ->
                        Problem.of(403, "deploy/forbidden", "Forbidden", x.getMessage());
                    case DeployException.StorageFailed x ->
                        Problem.of(503, "deploy/storage-unavailable", "Storage unavailable", x.getMessage());
                    case DeployException.EnvRejected x ->
                        Problem.of(422, "deploy/env-rejected", "Env var rejected", x.getMessage());
                    case DeployException.EnvVarNotFound x ->
                        Problem.of(404, "deploy/env-not-found", "Env var not found", x.getMessage());
                    case DeployException.ServerCodeInvalid x ->
                        Problem.of(422, "deploy/server-code-invalid", "Server code invalid", x.getMessage())
                                .withExtension("file", x.file())
                                .withExtension("line", x.line())
                                .withExtension("column", x.column());
                    case DeployException.RuntimeUnavailable x ->
                        Problem.of(503, "deploy/runtime-unavailable", "Runtime unavailable", x.getMessage());
                    case DeployException.InvalidDomain x ->
                        Problem.of(400, "deploy/invalid-domain", "Invalid domain", x.getMessage());
                    case DeployException.DomainTaken x ->
                        Problem.of(409, "deploy/domain-taken", "Domain already mapped", x.getMessage())
                                .withExtension("app", x.app());
                    case DeployException.DomainNotFound x ->
                        Problem.of(404, "deploy/domain-not-found", "Domain not found", x.getMessage());
                    case DeployException.DomainLimit x ->
                        Problem.of(422, "deploy/domain-limit", "Too many domains", x.getMessage());
                };
        if (e.field() != null) {
            base = base.withErrors(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        }
        return new ProblemException(base);
    }
}
