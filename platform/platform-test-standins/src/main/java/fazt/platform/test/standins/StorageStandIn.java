package fazt.platform.test.standins;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RawReply;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.ServiceEndpoints;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.BlobsMissingReply;
import fazt.proto.storage.BlobsMissingRequest;
import fazt.proto.storage.DbCountRequest;
import fazt.proto.storage.DbDeleteRequest;
import fazt.proto.storage.DbFindRequest;
import fazt.proto.storage.DbGetRequest;
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
import fazt.proto.storage.KvKey;
import fazt.proto.storage.KvListReply;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.KvValue;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsCommitReply;
import fazt.proto.storage.VfsCommitRequest;
import fazt.proto.storage.VfsDropReply;
import fazt.proto.storage.VfsDropRequest;
import fazt.proto.storage.VfsFile;
import fazt.proto.storage.VfsListReply;
import fazt.proto.storage.VfsListRequest;
import fazt.proto.storage.VfsStatReply;
import fazt.proto.storage.VfsStatRequest;
import io.nats.client.Connection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Plays storage-svc for another service's tests: answers storage's subjects over real NATS, in storage's queue group
 * and through {@link ServiceEndpoints} (so refusals arrive as the same ADR-32 problem replies), from memory, with the
 * shared-proto records. It keeps storage's contract as its callers see it: content-addressed blobs written in
 * ordered chunks and read in ranges, immutable namespaces committed once from stored blobs, per-app KV with TTLs and
 * per-app files, pages in key or path order with opaque cursors, and the 400/404/409/413/416/422 refusals the
 * contract names. It records every decoded request, so a test can check exactly what its service sent.
 * {@link StorageContract} holds it and the real storage-svc to the same promises.
 *
 * <p>It does not model document queries: {@code svc.storage.db.*} answer a 501 problem unless the test scripts them
 * with {@link #answer}, which also replaces any other subject's answer (to force a refusal, say). Nothing is
 * collected or expired in the background; an expired KV entry reads as absent.
 */
public final class StorageStandIn implements AutoCloseable {
    /** Largest page of a listing, as storage-svc allows. */
    public static final int MAX_PAGE = 1000;

    private final Clock clock;
    private final List<Object> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<IncomingRequest, Object>> answers = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<String, VfsFile>> namespaces = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<String, Entry>> kv = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<String, FileInfo>> files = new ConcurrentHashMap<>();
    private final ServiceEndpoints endpoints;

    private StorageStandIn(Connection nats, SubjectRoot root, Clock clock) {
        this.clock = clock;
        answers.put(StorageSubjects.BLOB_WRITE, this::write);
        answers.put(StorageSubjects.BLOB_READ, r -> read(record(r, BlobReadRequest.class)));
        answers.put(
                StorageSubjects.BLOB_MISSING,
                r -> new BlobsMissingReply(
                        listOf(record(r, BlobsMissingRequest.class).digests()).stream()
                                .filter(d -> !blobs.containsKey(d))
                                .distinct()
                                .toList()));
        answers.put(StorageSubjects.VFS_COMMIT, r -> commit(record(r, VfsCommitRequest.class)));
        answers.put(StorageSubjects.VFS_STAT, r -> stat(record(r, VfsStatRequest.class)));
        answers.put(StorageSubjects.VFS_LIST, r -> list(record(r, VfsListRequest.class)));
        answers.put(StorageSubjects.VFS_DROP, r -> drop(record(r, VfsDropRequest.class)));
        answers.put(StorageSubjects.KV_GET, r -> kvGet(record(r, KvGetRequest.class)));
        answers.put(StorageSubjects.KV_PUT, r -> kvPut(record(r, KvPutRequest.class)));
        answers.put(StorageSubjects.KV_DELETE, r -> kvDelete(record(r, KvDeleteRequest.class)));
        answers.put(StorageSubjects.KV_LIST, r -> kvList(record(r, KvListRequest.class)));
        answers.put(StorageSubjects.FILES_PUT, r -> filesPut(record(r, FilesPutRequest.class)));
        answers.put(StorageSubjects.FILES_STAT, r -> filesStat(record(r, FilesStatRequest.class)));
        answers.put(StorageSubjects.FILES_LIST, r -> filesList(record(r, FilesListRequest.class)));
        answers.put(StorageSubjects.FILES_DELETE, r -> filesDelete(record(r, FilesDeleteRequest.class)));
        for (var db : Map.of(
                        StorageSubjects.DB_INSERT,
                        DbInsertRequest.class,
                        StorageSubjects.DB_GET,
                        DbGetRequest.class,
                        StorageSubjects.DB_FIND,
                        DbFindRequest.class,
                        StorageSubjects.DB_UPDATE,
                        DbUpdateRequest.class,
                        StorageSubjects.DB_DELETE,
                        DbDeleteRequest.class,
                        StorageSubjects.DB_COUNT,
                        DbCountRequest.class)
                .entrySet()) {
            answers.put(db.getKey(), r -> {
                record(r, db.getValue());
                throw refused(
                        501,
                        "not-modelled",
                        "Not modelled by the stand-in",
                        db.getKey() + " is not modelled by StorageStandIn; script it with answer(...).");
            });
        }
        List<RequestEndpoint> served = new ArrayList<>();
        for (String subject : answers.keySet()) {
            served.add(new Served(subject));
        }
        endpoints = ServiceEndpoints.start(
                nats, root, ServiceName.STORAGE, "0.0.0-standin", "storage-stand-in-" + UUID.randomUUID(), served);
    }

    /** Starts answering storage's subjects under {@code root}; close it to stop. */
    public static StorageStandIn start(Connection nats, SubjectRoot root) {
        return new StorageStandIn(nats, root, Clock.systemUTC());
    }

    /**
     * Replaces the answer to {@code subject} (one of {@link StorageSubjects}'s request subjects): {@code answer}
     * gets the decoded request (also recorded) and returns the reply record, or throws a {@link ProblemException}.
     */
    public <T> StorageStandIn answer(String subject, Class<T> type, Function<T, Object> answer) {
        if (!answers.containsKey(subject)) {
            throw new IllegalArgumentException(subject + " is not a storage request subject");
        }
        answers.put(subject, r -> answer.apply(record(r, type)));
        return this;
    }

    /** Every request received so far, decoded (blob chunks are not recorded), in order of arrival. */
    public List<Object> requests() {
        return List.copyOf(requests);
    }

    /** The received requests of {@code type}. */
    public <T> List<T> requests(Class<T> type) {
        return requests.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Stores {@code files} (path → bytes) as blobs and commits them as {@code namespace}, as a deploy would. */
    public void commit(String namespace, Map<String, byte[]> content) {
        List<VfsFile> listed = new ArrayList<>();
        content.forEach((path, bytes) -> listed.add(new VfsFile(path, store(bytes), bytes.length)));
        commit(new VfsCommitRequest(namespace, listed));
    }

    /** The committed files of {@code namespace} (path → bytes), empty when it is not committed. */
    public Map<String, byte[]> namespace(String namespace) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        namespaces
                .getOrDefault(namespace, new TreeMap<>())
                .forEach((path, file) -> content.put(path, blobs.get(file.digest())));
        return content;
    }

    /** Names of the committed namespaces. */
    public Set<String> namespaces() {
        return Set.copyOf(namespaces.keySet());
    }

    @Override
    public void close() {
        endpoints.close();
    }

    private <T> T record(IncomingRequest request, Class<T> type) {
        T decoded = request.body(type);
        requests.add(decoded);
        return decoded;
    }

    private final class Served implements RequestEndpoint {
        private final String subject;

        Served(String subject) {
            this.subject = subject;
        }

        @Override
        public String subject() {
            return subject;
        }

        @Override
        public Object handle(IncomingRequest request) {
            return answers.get(subject).apply(request);
        }
    }

    // Blobs.

    private final class Upload {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    }

    private synchronized BlobWritten write(IncomingRequest request) {
        String id = request.header(StorageSubjects.HEADER_UPLOAD_ID);
        if (id == null || !id.matches("[A-Za-z0-9_-]{8,64}")) {
            throw invalid(StorageSubjects.HEADER_UPLOAD_ID, "must be 8-64 of [A-Za-z0-9_-]");
        }
        long offset = number(StorageSubjects.HEADER_OFFSET, request.header(StorageSubjects.HEADER_OFFSET));
        if (offset < 0) {
            throw invalid("offset", "must not be negative");
        }
        String lastHeader = request.header(StorageSubjects.HEADER_LAST);
        if (lastHeader != null && !lastHeader.equalsIgnoreCase("true") && !lastHeader.equalsIgnoreCase("false")) {
            throw invalid(StorageSubjects.HEADER_LAST, "must be true or false");
        }
        boolean last = "true".equalsIgnoreCase(lastHeader);
        byte[] data = request.data() == null ? new byte[0] : request.data();
        if (data.length > StorageSubjects.CHUNK_SIZE) {
            throw refused(
                    413,
                    "chunk-too-large",
                    "Chunk too large",
                    "A chunk of " + data.length + " bytes is larger than " + StorageSubjects.CHUNK_SIZE + ".");
        }
        Upload upload = uploads.computeIfAbsent(id, k -> new Upload());
        if (offset != upload.bytes.size()) {
            throw refused(
                    409,
                    "upload-out-of-order",
                    "Chunk out of order",
                    "Upload " + id + " has " + upload.bytes.size() + " bytes; a chunk at offset " + offset
                            + " does not follow.");
        }
        upload.bytes.writeBytes(data);
        long received = upload.bytes.size();
        if (!last) {
            return new BlobWritten(id, received, null, null, null);
        }
        uploads.remove(id);
        byte[] blob = upload.bytes.toByteArray();
        boolean known = blobs.containsKey(digest(blob));
        return new BlobWritten(id, received, store(blob), (long) blob.length, known);
    }

    private RawReply read(BlobReadRequest request) {
        byte[] blob = request.digest() == null ? null : blobs.get(request.digest());
        if (blob == null) {
            throw refused(
                    404,
                    "blob-not-found",
                    "Blob not found",
                    "No blob is stored under digest " + request.digest() + ".");
        }
        if (request.offset() < 0 || request.length() < 0 || request.length() > StorageSubjects.CHUNK_SIZE) {
            throw invalid("length", "must be between 0 and " + StorageSubjects.CHUNK_SIZE);
        }
        if (request.offset() > blob.length) {
            throw refused(
                    416,
                    "range-not-satisfiable",
                    "Range not satisfiable",
                    "offset " + request.offset() + " is past the end of the blob (" + blob.length + " bytes).");
        }
        int from = (int) request.offset();
        int to = (int) Math.min(blob.length, request.offset() + request.length());
        return new RawReply(
                Arrays.copyOfRange(blob, from, to),
                Map.of(StorageSubjects.HEADER_BLOB_SIZE, Integer.toString(blob.length)));
    }

    private String store(byte[] bytes) {
        String digest = digest(bytes);
        blobs.putIfAbsent(digest, bytes.clone());
        return digest;
    }

    private static String digest(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // Namespaces.

    private synchronized VfsCommitReply commit(VfsCommitRequest request) {
        String namespace = checked(request.namespace());
        if (request.files() == null) {
            throw invalid("files", "is missing");
        }
        if (namespaces.containsKey(namespace)) {
            throw refused(
                    409,
                    "namespace-exists",
                    "Namespace already exists",
                    "Namespace \"" + namespace + "\" is already committed; namespaces are immutable.");
        }
        NavigableMap<String, VfsFile> content = new TreeMap<>();
        long bytes = 0;
        for (int i = 0; i < request.files().size(); i++) {
            VfsFile file = request.files().get(i);
            if (file == null) {
                throw invalid("files[" + i + "]", "is missing");
            }
            path("files[" + i + "].path", file.path());
            byte[] blob = file.digest() == null ? null : blobs.get(file.digest());
            if (blob == null) {
                throw refused(
                        422,
                        "blob-missing",
                        "Blob missing",
                        "The blob " + file.digest() + " of \"" + file.path()
                                + "\" is not stored; upload it before committing.");
            }
            if (blob.length != file.size()) {
                throw refused(
                        422,
                        "size-mismatch",
                        "Size mismatch",
                        "The blob " + file.digest() + " has " + blob.length + " bytes, not " + file.size() + ".");
            }
            if (content.put(file.path(), file) != null) {
                throw invalid("files[" + i + "].path", "is listed twice");
            }
            bytes += file.size();
        }
        namespaces.put(namespace, content);
        return new VfsCommitReply(namespace, content.size(), bytes);
    }

    private VfsStatReply stat(VfsStatRequest request) {
        NavigableMap<String, VfsFile> content = namespaces.getOrDefault(checked(request.namespace()), new TreeMap<>());
        List<VfsFile> found = new ArrayList<>();
        for (String path : listOf(request.paths())) {
            VfsFile file = content.get(path);
            if (file != null) {
                found.add(file);
            }
        }
        return new VfsStatReply(found);
    }

    private VfsListReply list(VfsListRequest request) {
        NavigableMap<String, VfsFile> content = namespaces.getOrDefault(checked(request.namespace()), new TreeMap<>());
        if (request.limit() < 1 || request.limit() > MAX_PAGE) {
            throw invalid("limit", "must be between 1 and " + MAX_PAGE + ", got " + request.limit());
        }
        List<VfsFile> page =
                page(request.after() == null ? content : content.tailMap(request.after(), false), request.limit());
        boolean more = page.size() > request.limit();
        List<VfsFile> shown = more ? page.subList(0, request.limit()) : page;
        return new VfsListReply(List.copyOf(shown), more ? shown.getLast().path() : null);
    }

    private VfsDropReply drop(VfsDropRequest request) {
        NavigableMap<String, VfsFile> dropped = namespaces.remove(checked(request.namespace()));
        return new VfsDropReply(request.namespace(), dropped == null ? 0 : dropped.size(), 0);
    }

    private static String checked(String namespace) {
        if (namespace == null || !namespace.matches("[a-z0-9][a-z0-9/_.-]{0,199}")) {
            throw refused(
                    400,
                    "invalid-namespace",
                    "Invalid namespace",
                    "namespace " + namespace
                            + " must start with a-z or 0-9 and hold only a-z, 0-9, '/', '_', '.' and '-'.");
        }
        return namespace;
    }

    private static void path(String field, String path) {
        if (path == null
                || path.isEmpty()
                || path.startsWith("/")
                || path.length() > StorageSubjects.MAX_VFS_PATH
                || Arrays.asList(path.split("/", -1)).stream()
                        .anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))
                || path.chars().anyMatch(c -> c < 0x20)) {
            throw refused(400, "invalid-path", "Invalid path", field + " \"" + path + "\" is not a valid path.");
        }
    }

    // KV.

    private record Entry(String kind, byte[] value, Instant expiresAt) {}

    private NavigableMap<String, Entry> live(String appId) {
        NavigableMap<String, Entry> entries = kv.computeIfAbsent(app(appId), a -> new TreeMap<>());
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.expiresAt() != null && !e.expiresAt().isAfter(now));
        return entries;
    }

    private synchronized KvValue kvGet(KvGetRequest request) {
        Entry entry = live(request.appId()).get(key("key", request.key()));
        return entry == null ? KvValue.absent() : new KvValue(true, entry.kind(), entry.value(), entry.expiresAt());
    }

    private synchronized KvPutReply kvPut(KvPutRequest request) {
        String key = key("key", request.key());
        if (!List.of("json", "text", "bytes").contains(request.kind())) {
            throw invalid("kind", "must be json, text or bytes");
        }
        if (request.value() == null) {
            throw invalid("value", "is missing");
        }
        if (request.value().length > StorageSubjects.KV_MAX_VALUE) {
            throw refused(
                    413,
                    "too-large",
                    "Too large",
                    "value has " + request.value().length + " bytes; at most " + StorageSubjects.KV_MAX_VALUE
                            + " are accepted.");
        }
        Long ttl = request.ttlSeconds();
        if (ttl != null && (ttl < 1 || ttl > 10L * 366 * 24 * 3600)) {
            throw invalid(
                    "ttlSeconds",
                    "must be between 1 and " + 10L * 366 * 24 * 3600 + " (or absent: never expires), got " + ttl);
        }
        if (request.kind().equals("json") && !isJson(request.value())) {
            throw invalid("value", "is not one JSON text although kind is json");
        }
        Instant expires = ttl == null ? null : clock.instant().plusSeconds(ttl);
        live(request.appId()).put(key, new Entry(request.kind(), request.value().clone(), expires));
        return new KvPutReply(expires);
    }

    private synchronized KvDeleteReply kvDelete(KvDeleteRequest request) {
        return new KvDeleteReply(live(request.appId()).remove(key("key", request.key())) != null);
    }

    private synchronized KvListReply kvList(KvListRequest request) {
        NavigableMap<String, Entry> entries = live(request.appId());
        String prefix = request.prefix() == null ? "" : request.prefix();
        int limit = limit(request.limit());
        String after = cursor(request.cursor());
        List<KvKey> keys = new ArrayList<>();
        for (var e : (after == null ? entries : entries.tailMap(after, false)).entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                keys.add(new KvKey(e.getKey(), e.getValue().expiresAt()));
            }
        }
        boolean more = keys.size() > limit;
        List<KvKey> shown = more ? List.copyOf(keys.subList(0, limit)) : keys;
        return new KvListReply(shown, more ? encode(shown.getLast().name()) : null, !more);
    }

    private static boolean isJson(byte[] value) {
        try (var parser = MessageCodec.INSTANCE.mapper().getFactory().createParser(value)) {
            if (parser.nextToken() == null) {
                return false;
            }
            parser.skipChildren();
            return parser.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String key(String field, String key) {
        if (key == null || key.isEmpty()) {
            throw invalid(field, "must not be empty");
        }
        if (key.indexOf(0) >= 0) {
            throw invalid(field, "must not contain a NUL character");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > 512) {
            throw invalid(field, "has " + bytes + " bytes of UTF-8; at most 512 are accepted");
        }
        return key;
    }

    // Files.

    private synchronized FileInfo filesPut(FilesPutRequest request) {
        path("path", request.path());
        byte[] blob = request.digest() == null ? null : blobs.get(request.digest());
        if (blob == null) {
            throw refused(
                    422,
                    "blob-missing",
                    "Blob missing",
                    "The blob " + request.digest() + " is not stored; upload it with blob.write before files.put.");
        }
        if (request.size() < 0) {
            throw invalid("size", "must be zero or more, got " + request.size());
        }
        String type = request.contentType() == null || request.contentType().isBlank()
                ? "application/octet-stream"
                : request.contentType().trim();
        FileInfo info = new FileInfo(request.path(), request.size(), type, request.digest(), clock.instant());
        files.computeIfAbsent(app(request.appId()), a -> new TreeMap<>()).put(request.path(), info);
        return info;
    }

    private synchronized FilesStatReply filesStat(FilesStatRequest request) {
        path("path", request.path());
        FileInfo info =
                files.getOrDefault(app(request.appId()), new TreeMap<>()).get(request.path());
        return new FilesStatReply(info != null, info);
    }

    private synchronized FilesListReply filesList(FilesListRequest request) {
        NavigableMap<String, FileInfo> own = files.getOrDefault(app(request.appId()), new TreeMap<>());
        String prefix = request.prefix() == null ? "" : request.prefix();
        int limit = limit(request.limit());
        String after = cursor(request.cursor());
        List<FileInfo> found = (after == null ? own : own.tailMap(after, false))
                .values().stream().filter(f -> f.path().startsWith(prefix)).toList();
        boolean more = found.size() > limit;
        List<FileInfo> shown = more ? List.copyOf(found.subList(0, limit)) : found;
        return new FilesListReply(shown, more ? encode(shown.getLast().path()) : null);
    }

    private synchronized FilesDeleteReply filesDelete(FilesDeleteRequest request) {
        path("path", request.path());
        return new FilesDeleteReply(
                files.getOrDefault(app(request.appId()), new TreeMap<>()).remove(request.path()) != null);
    }

    // Shared rules.

    private static String app(String appId) {
        if (appId == null || !appId.matches("[A-Za-z0-9_-]{1,64}")) {
            throw invalid("appId", appId == null ? "is missing" : "must be 1-64 of [A-Za-z0-9_-]");
        }
        return appId;
    }

    private static int limit(int requested) {
        if (requested == 0) {
            return MAX_PAGE;
        }
        if (requested < 1 || requested > MAX_PAGE) {
            throw invalid("limit", "must be between 1 and " + MAX_PAGE + " (0: " + MAX_PAGE + "), got " + requested);
        }
        return requested;
    }

    private static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    private static String cursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid("cursor", "is not a cursor returned by this service");
        }
    }

    private static <T> List<T> page(NavigableMap<String, T> from, int limit) {
        return from.values().stream().limit(limit + 1L).toList();
    }

    private static <T> List<T> listOf(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static long number(String field, String value) {
        if (value == null) {
            throw invalid(field, "is missing");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(field, "must be a byte offset");
        }
    }

    private static ProblemException invalid(String field, String reason) {
        String detail = field + " " + reason + ".";
        Problem p = Problem.of(400, "storage/invalid-request", "Invalid request", detail);
        return new ProblemException(new Problem(
                p.type(),
                p.title(),
                p.status(),
                p.detail(),
                p.instance(),
                p.code(),
                p.errorId(),
                p.traceId(),
                List.of(new Problem.FieldError(field, detail))));
    }

    private static ProblemException refused(int status, String kind, String title, String detail) {
        return new ProblemException(Problem.of(status, "storage/" + kind, title, detail));
    }
}
