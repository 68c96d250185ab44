package fazt.runtime.bindings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.blobs.BlobReader;
import fazt.platform.blobs.BlobWriter;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.DbCountReply;
import fazt.proto.storage.DbCountRequest;
import fazt.proto.storage.DbDeleteRequest;
import fazt.proto.storage.DbFindReply;
import fazt.proto.storage.DbFindRequest;
import fazt.proto.storage.DbGetReply;
import fazt.proto.storage.DbGetRequest;
import fazt.proto.storage.DbInsertReply;
import fazt.proto.storage.DbInsertRequest;
import fazt.proto.storage.DbUpdateRequest;
import fazt.proto.storage.FileInfo;
import fazt.proto.storage.FilesDeleteReply;
import fazt.proto.storage.FilesDeleteRequest;
import fazt.proto.storage.FilesListReply;
import fazt.proto.storage.FilesListRequest;
import fazt.proto.storage.FilesPutRequest;
import fazt.proto.storage.FilesStatReply;
import fazt.proto.storage.FilesStatRequest;
import fazt.proto.storage.KvDeleteReply;
import fazt.proto.storage.KvDeleteRequest;
import fazt.proto.storage.KvGetRequest;
import fazt.proto.storage.KvListReply;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.KvValue;
import fazt.proto.storage.StorageSubjects;
import fazt.runtime.limits.HostLedger;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * The host side of {@code env.KV}, {@code env.DB} and {@code env.FILES} (bindings.js is the JavaScript side): one
 * operation by name with JSON arguments, sent to storage-svc as a NATS request on a virtual thread. The app id is the
 * one the platform gave the context, never anything from JavaScript. Storage's problems come back as failures
 * carrying their detail, which bindings.js turns into an Error.
 *
 * <p>Every reply is charged to the invocation's {@link HostLedger} (ADR 0034): a file read before a byte of it is
 * read (its size is known from the stat), other replies when they arrive (each at most one NATS message). A read
 * stops at its next chunk once the invocation ended or was cancelled.
 */
@Singleton
public final class StorageBindings implements AutoCloseable {
    /** Largest file {@code env.FILES} puts or gets in one piece. */
    public static final int MAX_FILE_BYTES = 32 * 1024 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = MessageCodec.INSTANCE.mapper();

    private final NatsRequester nats;
    private final KvReadCache kvCache;
    private final BlobWriter writer;
    private final BlobReader reader;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    StorageBindings(NatsRequester nats, KvReadCache kvCache) {
        this.nats = nats;
        this.kvCache = kvCache;
        this.writer = new BlobWriter(nats);
        this.reader = new BlobReader(nats);
    }

    /**
     * Starts operation {@code op} for app {@code appId}. {@code argsJson} are its arguments as bindings.js sends them,
     * {@code bytes} the value or file body when the operation takes bytes.
     */
    public CompletableFuture<BindingReply> call(String appId, String op, String argsJson, byte[] bytes) {
        return call(appId, op, argsJson, bytes, HostLedger.unlimited().lease());
    }

    /** {@link #call(String, String, String, byte[])} with the reply charged to {@code lease}. */
    public CompletableFuture<BindingReply> call(
            String appId, String op, String argsJson, byte[] bytes, HostLedger.Lease lease) {
        JsonNode args;
        try {
            args = JSON.readTree(argsJson);
        } catch (IOException e) {
            return CompletableFuture.failedFuture(invalid("arguments are not JSON"));
        }
        switch (op) {
            case "kv.get" -> {
                return kvGet(appId, args, lease);
            }
            case "kv.put", "kv.delete" -> {
                return kvWrite(appId, op, args, bytes, lease);
            }
            default -> {}
        }
        return CompletableFuture.supplyAsync(
                () -> {
                    if (op.equals("files.get")) {
                        return filesGet(appId, args, lease);
                    }
                    BindingReply reply = dispatch(appId, op, args, bytes);
                    lease.charge(reply.size(), WHAT.getOrDefault(op, op));
                    return reply;
                },
                calls);
    }

    /** How a refusal names the operation. */
    private static final Map<String, String> WHAT = Map.of(
            "kv.get", "env.KV.get",
            "kv.list", "env.KV.list",
            "db.get", "env.DB.get",
            "db.find", "env.DB.find",
            "files.list", "env.FILES.list");

    private BindingReply dispatch(String appId, String op, JsonNode args, byte[] bytes) {
        return switch (op) {
            case "kv.list" ->
                json(request(
                        StorageSubjects.KV_LIST,
                        new KvListRequest(
                                appId,
                                optionalText(args, "prefix"),
                                optionalText(args, "cursor"),
                                args.path("limit").asInt(0)),
                        KvListReply.class));
            case "db.insert" -> {
                List<JsonNode> documents = new ArrayList<>();
                args.path("documents").forEach(documents::add);
                yield json(request(
                        StorageSubjects.DB_INSERT,
                        new DbInsertRequest(appId, text(args, "collection"), documents),
                        DbInsertReply.class));
            }
            case "db.get" ->
                json(request(
                        StorageSubjects.DB_GET,
                        new DbGetRequest(appId, text(args, "collection"), text(args, "id")),
                        DbGetReply.class));
            case "db.find" ->
                json(request(
                        StorageSubjects.DB_FIND,
                        new DbFindRequest(
                                appId,
                                text(args, "collection"),
                                node(args, "query"),
                                node(args, "sort"),
                                args.path("limit").asInt(0),
                                optionalText(args, "cursor")),
                        DbFindReply.class));
            case "db.update" ->
                json(request(
                        StorageSubjects.DB_UPDATE,
                        new DbUpdateRequest(appId, text(args, "collection"), node(args, "query"), node(args, "update")),
                        DbCountReply.class));
            case "db.delete" ->
                json(request(
                        StorageSubjects.DB_DELETE,
                        new DbDeleteRequest(appId, text(args, "collection"), node(args, "query")),
                        DbCountReply.class));
            case "db.count" ->
                json(request(
                        StorageSubjects.DB_COUNT,
                        new DbCountRequest(appId, text(args, "collection"), node(args, "query")),
                        DbCountReply.class));
            case "files.put" -> filesPut(appId, args, bytes);
            case "files.list" ->
                json(request(
                        StorageSubjects.FILES_LIST,
                        new FilesListRequest(
                                appId,
                                optionalText(args, "prefix"),
                                optionalText(args, "cursor"),
                                args.path("limit").asInt(0)),
                        FilesListReply.class));
            case "files.delete" ->
                json(request(
                        StorageSubjects.FILES_DELETE,
                        new FilesDeleteRequest(appId, text(args, "path")),
                        FilesDeleteReply.class));
            default -> throw invalid("unknown operation " + op);
        };
    }

    /**
     * {@code env.KV.get}, through the read cache: a kept answer completes at once on the calling (context) thread,
     * a miss is one asynchronous request, no thread of its own.
     */
    private CompletableFuture<BindingReply> kvGet(String appId, JsonNode args, HostLedger.Lease lease) {
        String key;
        String wanted;
        try {
            key = text(args, "key");
            wanted = optionalText(args, "type");
        } catch (ProblemException e) {
            return CompletableFuture.failedFuture(e);
        }
        return kvCache.get(
                        appId,
                        key,
                        () -> nats.request(
                                StorageSubjects.KV_GET, new KvGetRequest(appId, key), KvValue.class, TIMEOUT))
                .handle((value, failure) -> {
                    if (failure != null) {
                        throw callFailure(StorageSubjects.KV_GET, failure);
                    }
                    BindingReply reply = kvReply(value, wanted);
                    lease.charge(reply.size(), "env.KV.get");
                    return reply;
                });
    }

    private static BindingReply kvReply(KvValue value, String wanted) {
        ObjectNode meta = JSON.createObjectNode().put("found", value.found());
        if (!value.found()) {
            return new BindingReply(meta.toString(), null);
        }
        meta.put("kind", value.kind());
        boolean asBytes = "arrayBuffer".equals(wanted) || (wanted == null && "bytes".equals(value.kind()));
        if (asBytes) {
            return new BindingReply(meta.toString(), value.value());
        }
        meta.put("text", new String(value.value(), StandardCharsets.UTF_8));
        return new BindingReply(meta.toString(), null);
    }

    /** A failed asynchronous request as {@link NatsRequester#call} would have thrown it. */
    private static RuntimeException callFailure(String subject, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case NatsRequester.RemoteProblemException p -> new CallFailure.Problem(subject, p.problem());
            case NatsRequester.NoResponderException n -> new CallFailure.NoResponders(subject);
            case TimeoutException t -> new CallFailure.NoAnswer(subject, TIMEOUT);
            case RuntimeException other -> other;
            default -> new IllegalStateException("request on " + subject + " failed", cause);
        };
    }

    /**
     * {@code env.KV.put} and {@code delete}: one asynchronous request; when it returns (committed, or failed and
     * perhaps committed), this instance's cached value of the key is gone, so its next read sees the write.
     */
    private CompletableFuture<BindingReply> kvWrite(
            String appId, String op, JsonNode args, byte[] bytes, HostLedger.Lease lease) {
        String key;
        CompletableFuture<?> sent;
        String subject = op.equals("kv.put") ? StorageSubjects.KV_PUT : StorageSubjects.KV_DELETE;
        try {
            key = text(args, "key");
            sent = op.equals("kv.put")
                    ? nats.request(subject, kvPutRequest(appId, key, args, bytes), KvPutReply.class, TIMEOUT)
                    : nats.request(subject, new KvDeleteRequest(appId, key), KvDeleteReply.class, TIMEOUT);
        } catch (ProblemException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.handle((reply, failure) -> {
            kvCache.wrote(appId, key);
            if (failure != null) {
                throw callFailure(subject, failure);
            }
            BindingReply answer = json(reply);
            lease.charge(answer.size(), op);
            return answer;
        });
    }

    private static KvPutRequest kvPutRequest(String appId, String key, JsonNode args, byte[] bytes) {
        String kind = text(args, "kind");
        byte[] value =
                switch (kind) {
                    case "text", "json" -> text(args, "text").getBytes(StandardCharsets.UTF_8);
                    case "bytes" -> bytes == null ? new byte[0] : bytes;
                    default -> throw invalid("unknown value kind " + kind);
                };
        Long ttl = args.path("ttl").isNumber() ? args.path("ttl").asLong() : null;
        return new KvPutRequest(appId, key, kind, value, ttl);
    }

    private BindingReply filesPut(String appId, JsonNode args, byte[] bytes) {
        byte[] body = bytes == null ? new byte[0] : bytes;
        if (body.length > MAX_FILE_BYTES) {
            throw new ProblemException(Problem.of(
                    413,
                    "runtime/file-too-large",
                    "File too large",
                    "env.FILES.put takes at most " + (MAX_FILE_BYTES >> 20) + " MB in one piece."));
        }
        String path = text(args, "path");
        BlobWritten written = writer.write(body);
        String contentType = optionalText(args, "contentType");
        return json(request(
                StorageSubjects.FILES_PUT,
                new FilesPutRequest(
                        appId,
                        path,
                        written.digest(),
                        body.length,
                        contentType == null ? "application/octet-stream" : contentType),
                FileInfo.class));
    }

    private BindingReply filesGet(String appId, JsonNode args, HostLedger.Lease lease) {
        FilesStatReply stat = request(
                StorageSubjects.FILES_STAT, new FilesStatRequest(appId, text(args, "path")), FilesStatReply.class);
        if (!stat.found()) {
            return json(stat);
        }
        if (stat.file().size() > MAX_FILE_BYTES) {
            throw new ProblemException(Problem.of(
                    413,
                    "runtime/file-too-large",
                    "File too large",
                    "env.FILES.get reads at most " + (MAX_FILE_BYTES >> 20) + " MB in one piece."));
        }
        String meta = encode(stat);
        int size = (int) stat.file().size();
        lease.charge(size + 2L * meta.length(), "env.FILES.get of " + sizeText(size));
        byte[] data = new byte[size];
        try (InputStream in = reader.open(stat.file().digest(), size)) {
            for (int done = 0; done < size; ) {
                if (!lease.live()) {
                    throw new HostLedger.Refused("env.FILES.get stopped: the request ended");
                }
                int n = in.read(data, done, size - done);
                if (n < 0) {
                    throw new IllegalStateException("blob ended early");
                }
                done += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BindingReply(meta, data);
    }

    private static String sizeText(long size) {
        return size >= 1 << 20 ? (size >> 20) + " MB" : size + " bytes";
    }

    private <R> R request(String subject, Object body, Class<R> replyType) {
        return nats.call(subject, body, replyType, TIMEOUT);
    }

    private static BindingReply json(Object reply) {
        return new BindingReply(encode(reply), null);
    }

    private static String encode(Object reply) {
        try {
            return JSON.writeValueAsString(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || !value.isTextual()) {
            throw invalid(field + " must be a string");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static JsonNode node(JsonNode args, String field) {
        JsonNode value = args.get(field);
        return value == null || value.isMissingNode() ? null : value;
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(400, "runtime/invalid-binding-call", "Invalid binding call", detail));
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
