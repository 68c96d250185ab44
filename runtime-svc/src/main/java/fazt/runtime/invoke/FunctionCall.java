package fazt.runtime.invoke;

import fazt.proto.runtime.InvokeRequest;
import java.io.InputStream;

/**
 * One invocation as the runner sees it: the request head ({@code request.body()} and {@code request.bodyStream()}
 * are already folded into {@code body}) and the whole request body as a stream that pulls further chunks on demand.
 * {@code body} is empty for a request without one; the runner closes it.
 */
public record FunctionCall(InvokeRequest request, InputStream body) {}
