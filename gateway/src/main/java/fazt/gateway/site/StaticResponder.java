package fazt.gateway.site;

import fazt.platform.nats.FaztHeaders;
import fazt.platform.nats.TraceContext;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DateFormatter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the HTTP response for a resolved static file: content type, validators and conditional requests (RFC 9110
 * §13), ranges (§14), compression negotiated per request and done once per file, and a caching policy by file kind
 * ({@link CachePolicy}). Small bodies come from the {@link BodyCache} or are read whole and cached; large ones stream
 * with backpressure ({@link BodyStream}). Never blocks: it is called on an event loop and finishes the response there
 * when the body is ready. Thread-safe; one instance serves every site.
 */
public final class StaticResponder {
    static final String NOSNIFF = "X-Content-Type-Options";

    private static final Logger log = LoggerFactory.getLogger(StaticResponder.class);
    private static final Executor SHARED_COMPRESSOR = Compressor.newExecutor();

    private final BodyLoader loader;
    private final SiteLimits limits;
    private final boolean brotli;

    public StaticResponder(BlobSource blobs, BodyCache cache) {
        this(blobs, cache, SiteLimits.DEFAULTS, SHARED_COMPRESSOR);
    }

    /** {@code compressor} runs compression (CPU work, seconds at worst): never an event loop. */
    public StaticResponder(BlobSource blobs, BodyCache cache, SiteLimits limits, Executor compressor) {
        this(blobs, cache, limits, compressor, Compressor.brotliAvailable());
    }

    StaticResponder(BlobSource blobs, BodyCache cache, SiteLimits limits, Executor compressor, boolean brotli) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.loader = new BodyLoader(
                Objects.requireNonNull(blobs, "blobs"),
                Objects.requireNonNull(cache, "cache"),
                Objects.requireNonNull(compressor, "compressor"),
                limits);
        this.brotli = brotli;
    }

    /**
     * Writes the response for {@code file} to {@code ctx}: status {@code status} (200, or 404 when serving a
     * not-found page), extra headers (from the app's manifest), keep-alive handling, HEAD. Only a 200 is a
     * representation of the requested resource, so only it carries validators and answers conditions and ranges;
     * any other status is an error page, revalidated every time. Every method other than HEAD is answered as GET:
     * choosing the methods is the caller's job. Extra headers replace the computed ones (so a manifest can set
     * {@code Cache-Control} or {@code Content-Type}), except those that frame the message, which are ignored.
     */
    public void respond(
            ChannelHandlerContext ctx,
            HttpRequest request,
            ServedFile file,
            HttpResponseStatus status,
            Map<String, String> extraHeaders,
            boolean keepAlive) {
        Exchange x = new Exchange(ctx, request, file, status, keepAlive);
        HttpHeaders requestHeaders = request.headers();
        String contentType = MediaTypes.of(file.path());
        boolean resource = status.code() == HttpResponseStatus.OK.code();
        boolean compressible = MediaTypes.compressible(contentType)
                && file.size() >= limits.compressMin()
                && file.size() <= limits.compressMax();

        ContentCoding coding = compressible
                ? AcceptEncoding.negotiate(joined(requestHeaders, HttpHeaderNames.ACCEPT_ENCODING), brotli)
                : ContentCoding.IDENTITY;
        ByteRange range = ByteRange.IGNORED;
        String rangeField = requestHeaders.get(HttpHeaderNames.RANGE);
        // Range is defined for GET only (RFC 9110 §14.2): a HEAD with Range gets the 200 headers.
        if (resource && !x.head && rangeField != null && ifRangeHolds(requestHeaders, file)) {
            range = ByteRange.parse(rangeField, file.size());
        }
        if (!(range instanceof ByteRange.Ignored)) {
            coding = ContentCoding.IDENTITY; // ranges are of the identity bytes, never of a compressed variant
        }

        HttpHeaders headers = new DefaultHttpHeaders();
        headers.set(HttpHeaderNames.DATE, HttpDates.now());
        headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        headers.set(NOSNIFF, "nosniff");
        headers.set(HttpHeaderNames.CACHE_CONTROL, CachePolicy.cacheControl(file.path(), contentType, !resource));
        if (compressible) {
            headers.set(HttpHeaderNames.VARY, "Accept-Encoding");
        }
        String etag = EntityTags.of(file.digest(), coding);
        if (resource) {
            headers.set(HttpHeaderNames.ETAG, etag);
            // Never later than Date (RFC 9110 §8.8.2.1): a clock skewed between deploy and gateway must not
            // make a validator that looks like it is from the future.
            long modified = Math.min(file.lastModified().toEpochMilli(), System.currentTimeMillis());
            headers.set(HttpHeaderNames.LAST_MODIFIED, DateFormatter.format(new Date(modified)));
            headers.set(HttpHeaderNames.ACCEPT_RANGES, HttpHeaderValues.BYTES);
        }
        ExtraHeaders.apply(extraHeaders, headers);

        if (resource) {
            HttpResponseStatus failed = Preconditions.evaluate(requestHeaders, etag, file.lastModified());
            if (failed != null) {
                x.sendEmpty(failed, Preconditions.withoutBodyFields(headers));
                return;
            }
        }
        switch (range) {
            case ByteRange.Unsatisfiable unsatisfiable -> {
                headers.set(HttpHeaderNames.CONTENT_RANGE, "bytes */" + file.size());
                x.sendEmpty(
                        HttpResponseStatus.REQUESTED_RANGE_NOT_SATISFIABLE, Preconditions.withoutBodyFields(headers));
            }
            case ByteRange.Part part -> {
                headers.set(
                        HttpHeaderNames.CONTENT_RANGE, "bytes " + part.first() + "-" + part.last() + "/" + file.size());
                sendPart(x, headers, part, contentType);
            }
            case ByteRange.Ignored ignored -> sendWhole(x, headers, coding, contentType);
        }
    }

    private void sendWhole(Exchange x, HttpHeaders headers, ContentCoding coding, String contentType) {
        ServedFile file = x.file;
        if (coding != ContentCoding.IDENTITY) {
            headers.set(HttpHeaderNames.CONTENT_ENCODING, coding.token());
        }
        if (x.head && coding == ContentCoding.IDENTITY) {
            x.sendHead(x.status, headers, file.size()); // the size is known: no read at all
            return;
        }
        byte[] cached = loader.cached(file, coding);
        if (cached != null) {
            x.sendBody(x.status, headers, cached, 0, cached.length);
            return;
        }
        if (coding == ContentCoding.IDENTITY && file.size() > limits.wholeBodyMax()) {
            stream(x, x.status, headers, 0, file.size());
            return;
        }
        whenLoaded(
                x, loader.load(file, coding, contentType), body -> x.sendBody(x.status, headers, body, 0, body.length));
    }

    private void sendPart(Exchange x, HttpHeaders headers, ByteRange.Part part, String contentType) {
        ServedFile file = x.file;
        HttpResponseStatus partial = HttpResponseStatus.PARTIAL_CONTENT;
        byte[] cached = loader.cached(file, ContentCoding.IDENTITY);
        if (cached != null) {
            x.sendBody(partial, headers, cached, (int) part.first(), (int) part.length());
        } else if (file.size() <= limits.wholeBodyMax()) {
            // Reading the whole small file caches it for the next range: media players ask for many.
            whenLoaded(
                    x,
                    loader.load(file, ContentCoding.IDENTITY, contentType),
                    body -> x.sendBody(partial, headers, body, (int) part.first(), (int) part.length()));
        } else {
            stream(x, partial, headers, part.first(), part.length());
        }
    }

    private void stream(Exchange x, HttpResponseStatus responseStatus, HttpHeaders headers, long first, long length) {
        if (length == 0) {
            x.sendBody(responseStatus, headers, new byte[0], 0, 0);
            return;
        }
        HttpResponse head = x.head(responseStatus, headers, length);
        BodyStream.start(x.ctx, loader, x.file.digest(), first, length, head, x.keepAlive, x::storageFailed);
    }

    private static void whenLoaded(Exchange x, CompletableFuture<byte[]> load, Consumer<byte[]> then) {
        load.whenComplete((body, failure) -> x.onEventLoop(() -> {
            if (failure != null) {
                x.storageFailed(failure);
            } else {
                then.accept(body);
            }
        }));
    }

    private static boolean ifRangeHolds(HttpHeaders requestHeaders, ServedFile file) {
        String ifRange = requestHeaders.get(HttpHeaderNames.IF_RANGE);
        if (ifRange == null) {
            return true;
        }
        String validator = ifRange.trim();
        if (validator.startsWith("\"") || validator.startsWith("W/")) {
            return EntityTags.strongMatch(validator, EntityTags.of(file.digest(), ContentCoding.IDENTITY));
        }
        Date date = DateFormatter.parseHttpDate(validator);
        return date != null && date.getTime() / 1000 == file.lastModified().getEpochSecond();
    }

    private static String joined(HttpHeaders headers, CharSequence name) {
        var values = headers.getAll(name);
        return values.isEmpty() ? null : values.size() == 1 ? values.getFirst() : String.join(",", values);
    }

    /** One request being answered: what every way of finishing it needs. */
    private static final class Exchange {
        final ChannelHandlerContext ctx;
        final ServedFile file;
        final HttpResponseStatus status;
        final boolean keepAlive;
        final boolean head;
        final boolean http10;
        final String path;
        final String traceparent;

        Exchange(
                ChannelHandlerContext ctx,
                HttpRequest request,
                ServedFile file,
                HttpResponseStatus status,
                boolean keepAlive) {
            // Everything needed later is copied now: the request is released when the caller returns.
            this.ctx = ctx;
            this.file = file;
            this.status = status;
            this.keepAlive = keepAlive;
            this.head = HttpMethod.HEAD.equals(request.method());
            this.http10 = HttpVersion.HTTP_1_0.equals(request.protocolVersion());
            this.path = new QueryStringDecoder(request.uri()).path();
            this.traceparent = request.headers().get(FaztHeaders.TRACEPARENT);
        }

        void onEventLoop(Runnable task) {
            if (ctx.executor().inEventLoop()) {
                task.run();
            } else {
                ctx.executor().execute(task);
            }
        }

        HttpResponse head(HttpResponseStatus responseStatus, HttpHeaders headers, long contentLength) {
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, responseStatus, headers);
            HttpUtil.setContentLength(response, contentLength);
            connection(response);
            return response;
        }

        /** A response with a body of {@code length} bytes of {@code body}, or only its headers for HEAD. */
        void sendBody(HttpResponseStatus responseStatus, HttpHeaders headers, byte[] body, int offset, int length) {
            if (head) {
                sendHead(responseStatus, headers, length);
            } else {
                write(full(responseStatus, headers, Unpooled.wrappedBuffer(body, offset, length)));
            }
        }

        /** The headers of a response whose body would be {@code contentLength} bytes. */
        void sendHead(HttpResponseStatus responseStatus, HttpHeaders headers, long contentLength) {
            FullHttpResponse response = full(responseStatus, headers, Unpooled.EMPTY_BUFFER);
            HttpUtil.setContentLength(response, contentLength);
            write(response);
        }

        void sendEmpty(HttpResponseStatus responseStatus, HttpHeaders headers) {
            FullHttpResponse response = full(responseStatus, headers, Unpooled.EMPTY_BUFFER);
            if (responseStatus.code() == HttpResponseStatus.NOT_MODIFIED.code()) {
                response.headers().remove(HttpHeaderNames.CONTENT_LENGTH); // a 304 has no body to measure
            }
            write(response);
        }

        /** The body could not be read before anything was sent: a 502 problem, never cached. */
        void storageFailed(Throwable failure) {
            log.warn("site body read failed digest={} path={} cause={}", file.digest(), path, failure.toString());
            Problem problem = Problem.of(
                            502,
                            "gateway/storage-unavailable",
                            "Storage unavailable",
                            "The file could not be read from storage; try again shortly.")
                    .withInstance(path);
            Problem traced = TraceContext.parse(traceparent)
                    .map(trace -> problem.withTraceId(trace.traceId()))
                    .orElse(problem);
            byte[] body = MessageCodec.INSTANCE.encode(traced);
            HttpHeaders headers = new DefaultHttpHeaders()
                    .set(HttpHeaderNames.DATE, HttpDates.now())
                    .set(HttpHeaderNames.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .set(NOSNIFF, "nosniff")
                    .set(HttpHeaderNames.CACHE_CONTROL, "no-store");
            sendBody(HttpResponseStatus.BAD_GATEWAY, headers, body, 0, body.length);
        }

        private FullHttpResponse full(HttpResponseStatus responseStatus, HttpHeaders headers, ByteBuf content) {
            FullHttpResponse response = new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1, responseStatus, content, headers, new DefaultHttpHeaders());
            HttpUtil.setContentLength(response, content.readableBytes());
            return response;
        }

        private void connection(HttpResponse response) {
            if (keepAlive) {
                if (http10) {
                    response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
                }
            } else {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
        }

        private void write(FullHttpResponse response) {
            connection(response);
            var written = ctx.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
