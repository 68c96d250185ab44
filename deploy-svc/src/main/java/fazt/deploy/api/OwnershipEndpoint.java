package fazt.deploy.api;

import fazt.deploy.domain.AppOwner;
import fazt.deploy.domain.ManageApps;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.deploy.AppOwnershipReply;
import fazt.proto.deploy.AppOwnershipRequest;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.problem.Problem;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * {@code svc.deploy.apps.owned}: auth-svc asks, before it deletes an account, which apps the account owns, and hands
 * them to an admin or deletes them, as the admin who deletes the account said. Only auth-svc calls this: it has
 * already checked that the caller is an admin.
 */
@Singleton
final class OwnershipEndpoint implements RequestEndpoint {
    private final ManageApps manage;

    OwnershipEndpoint(ManageApps manage) {
        this.manage = manage;
    }

    @Override
    public String subject() {
        return DeploySubjects.APPS_OWNED;
    }

    @Override
    public AppOwnershipReply handle(IncomingRequest incoming) {
        AppOwnershipRequest request = incoming.body(AppOwnershipRequest.class);
        boolean transfer = request.action() == AppOwnershipRequest.Action.TRANSFER;
        if (request.owner() == null
                || request.owner().isBlank()
                || request.action() == null
                || (transfer && (request.toOwner() == null || request.toOwner().isBlank()))) {
            throw new ProblemException(Problem.of(
                    400,
                    "deploy/invalid-request",
                    "Invalid request",
                    "An ownership request needs owner and action, and toOwner for TRANSFER."));
        }
        List<String> apps =
                switch (request.action()) {
                    case LIST -> manage.ownedBy(request.owner());
                    case TRANSFER ->
                        manage.handOver(request.owner(), new AppOwner(request.toOwner(), request.toName()));
                    case DELETE -> manage.deleteOwnedBy(request.owner());
                };
        return new AppOwnershipReply(apps);
    }
}
