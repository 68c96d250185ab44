package fazt.runtime.bindings;

import static fazt.runtime.bindings.BindingArgs.invalid;
import static fazt.runtime.bindings.BindingArgs.node;
import static fazt.runtime.bindings.BindingArgs.optionalText;
import static fazt.runtime.bindings.BindingArgs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.platform.blobs.BlobReader;
import fazt.platform.blobs.BlobWriter;
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
import fazt.proto.storage.KvListReply;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.runtime.limits.HostLedger;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
    private final KvBindings kv;
    private final BlobWriter writer;
    private final BlobReader reader;
    private final ExecutorService calls = Executors.newVirtualThreadPerTaskExecutor();

    StorageBindings(NatsRequester nats, KvReadCache kvCache) {
        this.nats = nats;
        this.kv = new KvBindings(nats, kvCache, TIMEOUT);
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
                return kv.get(appId, args, lease);
            }
            case "kv.put", "kv.delete" -> {
                return kv.write(appId, op, args, bytes, lease);
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

    static BindingReply json(Object reply) {
        return new BindingReply(encode(reply), null);
    }

    private static String encode(Object reply) {
        try {
            return JSON.writeValueAsString(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
