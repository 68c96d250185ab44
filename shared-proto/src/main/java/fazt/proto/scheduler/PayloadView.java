package fazt.proto.scheduler;

import fazt.proto.runtime.HttpHeader;
import java.util.List;

/** The request a run's handler got: the body as UTF-8 text when it is text, else base64; credentials masked. */
public record PayloadView(
        String method, String url, List<HttpHeader> headers, String body, String bodyBase64, int bytes) {}
