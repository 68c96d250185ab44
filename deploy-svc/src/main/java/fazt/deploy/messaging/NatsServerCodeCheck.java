package fazt.deploy.messaging;

import fazt.deploy.domain.AppId;
import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.ServerCodeCheck;
import fazt.platform.nats.NatsRequester;
import fazt.proto.runtime.RuntimeSubjects;
import fazt.proto.runtime.ScriptCheckReply;
import fazt.proto.runtime.ScriptCheckRequest;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
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
            reply = nats.request(RuntimeSubjects.CHECK, new ScriptCheckRequest(app.value(), name, version, namespace),
                    ScriptCheckReply.class, TIMEOUT).get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NatsRequester.NoResponderException) {
                throw new DeployException.RuntimeUnavailable("no runtime-svc is running to check it");
            }
            if (cause instanceof TimeoutException) {
                throw new DeployException.RuntimeUnavailable("no runtime answered within " + TIMEOUT.toSeconds() + " s");
            }
            log.warn("server code check failed appId={} reason={}", app, cause.getClass().getSimpleName());
            throw new DeployException.RuntimeUnavailable("the runtime could not check it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException.RuntimeUnavailable("the check was interrupted");
        }
        if (!reply.ok()) {
            String message = reply.message() == null || reply.message().isBlank() ? "the code does not load"
                    : reply.message().length() > MAX_MESSAGE ? reply.message().substring(0, MAX_MESSAGE) + "…"
                    : reply.message();
            throw new DeployException.ServerCodeInvalid(reply.file() == null ? ENTRY : reply.file(),
                    Math.max(0, reply.line()), Math.max(0, reply.column()), message);
        }
    }
}
