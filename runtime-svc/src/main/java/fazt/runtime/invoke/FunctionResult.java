package fazt.runtime.invoke;

import fazt.proto.runtime.HttpHeader;
import java.util.List;

/** The response head the handler produced, its body, and whether the app's context had to be created (cold). */
public record FunctionResult(int status, List<HttpHeader> headers, ResponseBody body, boolean cold) {}
