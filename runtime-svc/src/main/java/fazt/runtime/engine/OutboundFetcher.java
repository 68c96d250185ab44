package fazt.runtime.engine;

import fazt.runtime.web.ByteCharge;
import fazt.runtime.web.FetchBudget;
import fazt.runtime.web.OutboundRequest;
import fazt.runtime.web.OutboundResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends an app's outbound {@code fetch} off the context thread, counted against the invocation's budget
 * ({@code runtime.max-fetches}). The web package's SSRF-guarded {@code OutboundFetch} implements it (EngineBeans).
 */
public interface OutboundFetcher {
    /** Completes with the response, or fails with an exception whose message the app sees as a TypeError. */
    CompletableFuture<OutboundResponse> send(OutboundRequest request, FetchBudget budget, ByteCharge charge);
}
