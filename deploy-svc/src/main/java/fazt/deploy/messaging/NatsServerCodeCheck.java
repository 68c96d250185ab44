package fazt.deploy.messaging;

import fazt.deploy.domain.AppId;
import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.ServerCodeCheck;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.proto.runtime.ScriptCheckReply;
import fazt.proto.runtime.ScriptCheckRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ServerCodeCheck} over NATS: asks any runtime-svc instance ({@code svc.runtime.check}, its queue group). */
@Singleton
final class NatsServerCodeCheck implements ServerCodeCheck {
    /** How long a runtime may take to load the code; it enforces its own, shorter limit on the evaluation. */
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Longest error message passed on; a thrown value may be anything the app's code built. */
    static final int MAX_MESSAGE = 1000;

    private static final Logger log = LoggerFactory.getLogger(NatsServerCodeCheck.class);
    private final NatsRequester nats;

    NatsServerCodeCheck(NatsRequester nats) {
        this.nats = nats;
    }

    @Override
    public void check(AppId app, String name, int version, String namespace) {
        ScriptCheckReply reply;
        try {
            reply = nats.call(
                    RuntimeSubjects.CHECK,
                    new ScriptCheckRequest(app.value(), name, version, namespace),
                    ScriptCheckReply.class,
                    TIMEOUT);
        } catch (CallFailure failure) {
            throw new DeployException.RuntimeUnavailable(
                    switch (failure) {
                        case CallFailure.NoResponders n -> "no runtime-svc is running to check it";
                        case CallFailure.NoAnswer n -> "no runtime answered within " + TIMEOUT.toSeconds() + " s";
                        case CallFailure.Interrupted i -> "the check was interrupted";
                        case CallFailure.Problem p -> {
                            log.warn(
                                    "server code check failed appId={} status={}",
                                    app,
                                    p.problem().status());
                            yield "the runtime could not check it";
                        }
                    });
        }
        if (!reply.ok()) {
            String message = reply.message() == null || reply.message().isBlank()
                    ? "the code does not load"
                    : reply.message().length() > MAX_MESSAGE
                            ? reply.message().substring(0, MAX_MESSAGE) + "…"
                            : reply.message();
            throw new DeployException.ServerCodeInvalid(
                    reply.file() == null ? ENTRY : reply.file(),
                    Math.max(0, reply.line()),
                    Math.max(0, reply.column()),
                    message);
        }
    }
}
