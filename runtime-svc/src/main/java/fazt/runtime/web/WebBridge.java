package fazt.runtime.web;

import fazt.proto.runtime.HttpHeader;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.proxy.ProxyExecutable;

/**
 * The engine's way into the web globals of one context: builds the {@code Request} handed to the app's
 * {@code fetch} handler and reads the {@code Response} it returns. Use on the context's thread only.
 */
public final class WebBridge {
    /** Largest chunk one pull of a streamed request body hands to JS. */
    public static final int REQUEST_CHUNK_BYTES = 64 * 1024;

    private final Value functions;
    private final boolean nativeBase64;

    WebBridge(Value functions) {
        this.functions = functions;
        this.nativeBase64 = functions.getMember("nativeBase64").asBoolean();
    }

    /** A {@code Request} whose whole body is known; {@code body} null or empty means no body. */
    public Value newRequest(String method, String url, List<HttpHeader> headers, byte[] body) {
        String encoded = body == null || body.length == 0 ? null : encode(body);
        return functions.invokeMember("newRequest", method, url, joined(headers), encoded);
    }

    /**
     * A {@code Request} whose body is a {@code ReadableStream} pulling {@code body} on demand, at most
     * {@link #REQUEST_CHUNK_BYTES} per pull. A pull blocks the context thread until the stream yields bytes (the
     * invocation transport delivers chunks quickly); a read failure errors the stream with a {@code TypeError}. Closed
     * when read to the end or
     * cancelled. {@code body} null means no body.
     */
    public Value newRequest(String method, String url, List<HttpHeader> headers, InputStream body) {
        if (body == null) {
            return newRequest(method, url, headers, (byte[]) null);
        }
        ProxyExecutable pull = args -> {
            byte[] buffer = new byte[REQUEST_CHUNK_BYTES];
            try {
                int n = body.read(buffer);
                if (n < 0) {
                    body.close();
                    return null;
                }
                return encode(n == buffer.length ? buffer : Arrays.copyOf(buffer, n));
            } catch (IOException e) {
                return false; // bridge.js errors the stream with a TypeError the app can read
            }
        };
        ProxyExecutable cancel = args -> {
            try {
                body.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
            return null;
        };
        return functions.invokeMember("newStreamingRequest", method, url, joined(headers), pull, cancel);
    }

    /**
     * Reads the head of what the handler returned. Throws {@link IllegalArgumentException} when it is not a
     * {@code Response} (the engine reports that as the app's error) or its body was already read.
     */
    public ResponseHead readResponse(Value response) {
        // One call answers everything (fetch.js responseHead): each crossing of the polyglot boundary costs more than
        // the JavaScript behind it.
        Value head;
        try {
            head = response == null ? null : functions.invokeMember("responseHead", response);
        } catch (PolyglotException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (head == null || head.isNull()) {
            throw new IllegalArgumentException("the fetch handler must return a Response, got "
                    + (response == null || response.isNull() ? "null" : describeType(response)));
        }
        Value bytes = head.getArrayElement(2);
        Value reader = head.getArrayElement(3);
        return new ResponseHead(
                head.getArrayElement(0).asInt(),
                headers(head.getArrayElement(1).asString()),
                bytes.isNull() ? null : JsBytes.toJava(bytes),
                reader.isNull() ? null : reader);
    }

    /**
     * Asks the stream behind {@code reader} for its next chunk. The sink is called once, when the read settles: at
     * once (during the promise jobs that run before this call returns) if the stream has a chunk queued, otherwise
     * later, when the app's code enqueues one (after a timer or a fetch), so the engine keeps running its event loop.
     */
    public void readChunk(Value reader, ChunkSink sink) {
        ProxyExecutable onChunk = args -> {
            sink.chunk(JsBytes.toJava(args[0]));
            return null;
        };
        ProxyExecutable onEnd = args -> {
            sink.end();
            return null;
        };
        ProxyExecutable onError = args -> {
            sink.error(args[0].asString());
            return null;
        };
        functions.invokeMember("readChunk", reader, onChunk, onEnd, onError);
    }

    /**
     * Aborts the signal of a request made by {@link #newRequest} (the client went away or the wall time ran out), so
     * the app's {@code request.signal} listeners and fetches made with it stop; the reason is an {@code AbortError}.
     */
    public void abortRequest(Value request, String reason) {
        functions.invokeMember("abortRequest", request, reason);
    }

    /** Cancels the stream behind {@code reader} (the client went away); its source's {@code cancel} runs. */
    public void cancel(Value reader, String reason) {
        functions.invokeMember("cancel", reader, reason);
    }

    /** A readable description of a thrown JS value: its stack if it has one, else {@code name: message}. */
    public String describe(Value error) {
        return functions.invokeMember("describe", error).asString();
    }

    /** A new Uint8Array from what {@link #encode} made. */
    Value fromHost(String encoded) {
        return functions.invokeMember("fromHost", encoded);
    }

    /**
     * Bytes in the form this context's {@code fromHost} unpacks: base64 for the engine's native
     * {@code Uint8Array.fromBase64} when it has one, else one Latin-1 char per byte.
     */
    String encode(byte[] bytes) {
        return nativeBase64 ? Base64.getEncoder().encodeToString(bytes) : JsBytes.toLatin1(bytes);
    }

    /**
     * Names and values joined by NUL, as bridge.js takes them. A line holding a NUL is left out: the Fetch Standard
     * rejects it, so {@code Headers} would drop it anyway, and it would shift every name and value after it.
     */
    static String joined(List<HttpHeader> headers) {
        StringBuilder out = new StringBuilder(headers.size() * 32);
        for (HttpHeader header : headers) {
            if (header.name().indexOf('\0') >= 0 || header.value().indexOf('\0') >= 0) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('\0');
            }
            out.append(header.name()).append('\0').append(header.value());
        }
        return out.toString();
    }

    /** The headers of fetch.js {@code responseHead}: names and values joined by NUL, in order. */
    static List<HttpHeader> headers(String joined) {
        if (joined.isEmpty()) {
            return List.of();
        }
        List<HttpHeader> out = new ArrayList<>();
        int start = 0;
        while (start <= joined.length()) {
            int nameEnd = joined.indexOf('\0', start);
            int valueEnd = joined.indexOf('\0', nameEnd + 1);
            if (valueEnd < 0) {
                valueEnd = joined.length();
            }
            out.add(new HttpHeader(joined.substring(start, nameEnd), joined.substring(nameEnd + 1, valueEnd)));
            start = valueEnd + 1;
        }
        return List.copyOf(out);
    }

    private static String describeType(Value value) {
        if (value.hasMember("constructor") && value.getMember("constructor").hasMember("name")) {
            return value.getMember("constructor").getMember("name").asString();
        }
        return value.toString();
    }
}
