package fazt.runtime.observe;

import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Turns an app's name into its stable id by asking deploy-svc ({@code svc.deploy.site.get}), which owns apps. Asked
 * on every admin call rather than cached, so a renamed or deleted app is never read under its old name.
 */
@Singleton
final class AppDirectory {
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    /**
     * What an app id may look like before it goes into a subject: one token without wildcards, so a bad id can
     * never widen a read to other apps' subjects.
     */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final NatsRequester requester;

    AppDirectory(NatsRequester requester) {
        this.requester = requester;
    }

    /** The id of the app named {@code name}; a 404 problem when there is none, 503 when deploy-svc does not answer. */
    String appId(String name) {
        SiteReply reply;
        try {
            reply = requester.call(DeploySubjects.SITE_GET, new SiteRequest(name), SiteReply.class, TIMEOUT);
        } catch (CallFailure failure) {
            throw failure instanceof CallFailure.Problem p && p.problem().status() == 404
                    ? ObserveProblems.appNotFound(name)
                    : ObserveProblems.unavailable("The app directory (deploy-svc)");
        }
        if (!reply.found()
                || reply.appId() == null
                || !SAFE_ID.matcher(reply.appId()).matches()) {
            throw ObserveProblems.appNotFound(name);
        }
        return reply.appId();
    }
}
