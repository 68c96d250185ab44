package fazt.runtime.check;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.proto.runtime.ScriptCheckReply;
import fazt.proto.runtime.ScriptCheckRequest;
import fazt.runtime.engine.ScriptCheck;
import jakarta.inject.Singleton;

/**
 * Answers deploy-svc's {@code svc.runtime.check}: does a committed, not yet live version's server code load? The
 * work is done by {@link ScriptCheck} in a fresh context that is thrown away afterwards.
 */
@Singleton
final class ScriptCheckEndpoint implements RequestEndpoint {
    private final ScriptCheck check;

    ScriptCheckEndpoint(ScriptCheck check) {
        this.check = check;
    }

    @Override
    public String subject() {
        return RuntimeSubjects.CHECK;
    }

    @Override
    public ScriptCheckReply handle(IncomingRequest request) {
        ScriptCheckRequest body = request.body(ScriptCheckRequest.class);
        return check.check(body.appId(), body.version(), body.namespace());
    }
}
