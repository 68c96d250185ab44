package fazt.runtime.engine;

import fazt.runtime.web.OutboundRequest;
import fazt.runtime.web.OutboundResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends an app's outbound {@code fetch} (off the context thread). The web package's SSRF-guarded client implements
 * it; the engine counts each invocation's fetches against {@code runtime.max-fetches} before calling it.
 */
public interface OutboundFetcher {
    /** Completes with the response, or fails with an exception whose message the app sees as a TypeError. */
    CompletableFuture<OutboundResponse> send(OutboundRequest request);
}
