package fazt.auth.messaging;

import fazt.auth.domain.AppOwnership;
import fazt.auth.domain.AuthException;
import fazt.auth.domain.User;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.AppOwnershipReply;
import fazt.proto.deploy.AppOwnershipRequest;
import fazt.proto.deploy.DeploySubjects;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link AppOwnership} over NATS: asks deploy-svc ({@code svc.deploy.apps.owned}), which records who owns each app. */
@Singleton
final class NatsAppOwnership implements AppOwnership {
    /** Deleting apps drops their files too; a user with many apps takes a while. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Logger log = LoggerFactory.getLogger(NatsAppOwnership.class);
    private final NatsRequester nats;

    NatsAppOwnership(NatsRequester nats) {
        this.nats = nats;
    }

    @Override
    public List<String> owned(String userId) {
        return ask(AppOwnershipRequest.list(userId));
    }

    @Override
    public List<String> transfer(String userId, User admin) {
        return ask(new AppOwnershipRequest(userId, AppOwnershipRequest.Action.TRANSFER, admin.id(), admin.username()));
    }

    @Override
    public List<String> delete(String userId) {
        return ask(new AppOwnershipRequest(userId, AppOwnershipRequest.Action.DELETE, null, null));
    }

    private List<String> ask(AppOwnershipRequest request) {
        try {
            return nats.call(DeploySubjects.APPS_OWNED, request, AppOwnershipReply.class, TIMEOUT)
                    .apps();
        } catch (CallFailure failure) {
            throw new AuthException.Unavailable(
                    switch (failure) {
                        case CallFailure.NoResponders n ->
                            "deploy-svc is not running, so the user's apps cannot be settled;"
                                    + " nothing was changed.";
                        case CallFailure.NoAnswer n ->
                            "deploy-svc did not answer within " + TIMEOUT.toSeconds()
                                    + " s; some apps may already be settled, repeat the call to finish.";
                        case CallFailure.Interrupted i ->
                            "interrupted while settling the user's apps; repeat the call.";
                        case CallFailure.Problem p -> {
                            log.warn(
                                    "app ownership request failed action={} status={}",
                                    request.action(),
                                    p.problem().status());
                            yield "deploy-svc could not settle the user's apps (" + p.getMessage()
                                    + "); repeat the call.";
                        }
                    });
        }
    }
}
