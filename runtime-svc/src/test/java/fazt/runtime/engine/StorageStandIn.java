package fazt.runtime.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.proto.MessageCodec;
import fazt.proto.SubjectRoot;
import fazt.proto.problem.Problem;
import fazt.proto.storage.*;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Answers storage-svc's subjects over real NATS from memory, per the shared-proto contracts, and records every
 * request: what runtime-svc's bindings send can be checked exactly while storage-svc's own KV/DB/FILES endpoints are
 * built on another branch. Namespaces (app code) are served too. Not a model of storage's rules beyond the contract.
 */
final class StorageStandIn {
    final List<Object> requests = new CopyOnWriteArrayList<>();
    final Map<String, Map<String, byte[]>> namespaces = new ConcurrentHashMap<>();
    private final Map<String, KvValue> kv = new ConcurrentHashMap<>();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, ByteArrayOutputStream> uploads = new ConcurrentHashMap<>();
    private final Map<String, FileInfo> files = new ConcurrentHashMap<>();
    private final Map<String, List<JsonNode>> collections = new ConcurrentHashMap<>();
    private final Connection nats;
    private final SubjectRoot root;

    StorageStandIn(Connection nats, SubjectRoot root) {
        this.nats = nats;
        this.root = root;
        Dispatcher d = nats.createDispatcher();
        on(d, StorageSubjects.VFS_LIST, VfsListRequest.class, r -> new VfsListReply(namespaces.getOrDefault(
                r.namespace(), Map.of()).entrySet().stream().map(e -> new VfsFile(e.getKey(), store(e.getValue()),
                e.getValue().length)).toList(), null));
        d.subscribe(root.qualify(StorageSubjects.BLOB_READ), "storage", m -> {
            BlobReadRequest r = MessageCodec.INSTANCE.decode(m.getData(), BlobReadRequest.class);
            byte[] blob = blobs.get(r.digest());
            byte[] range = java.util.Arrays.copyOfRange(blob, (int) r.offset(), (int) r.offset() + r.length());
            Headers h = new Headers();
            h.put(StorageSubjects.HEADER_BLOB_SIZE, Integer.toString(blob.length));
            nats.publish(m.getReplyTo(), h, range);
        });
        d.subscribe(root.qualify(StorageSubjects.BLOB_WRITE), "storage", m -> {
            String id = m.getHeaders().getFirst(StorageSubjects.HEADER_UPLOAD_ID);
            ByteArrayOutputStream upload = uploads.computeIfAbsent(id, k -> new ByteArrayOutputStream());
            upload.writeBytes(m.getData());
            boolean last = Boolean.parseBoolean(m.getHeaders().getFirst(StorageSubjects.HEADER_LAST));
            BlobWritten written = last
                    ? new BlobWritten(id, upload.size(), store(upload.toByteArray()), (long) upload.size(), false)
                    : new BlobWritten(id, upload.size(), null, null, null);
            nats.publish(m.getReplyTo(), MessageCodec.INSTANCE.encode(written));
        });
        on(d, StorageSubjects.KV_GET, KvGetRequest.class, r -> kv.getOrDefault(r.appId() + "/" + r.key(), KvValue.absent()));
        on(d, StorageSubjects.KV_PUT, KvPutRequest.class, r -> {
            if (r.key().startsWith("bad")) {
                return Problem.of(400, "storage/invalid-key", "Invalid key", "key " + r.key() + " is not allowed");
            }
            Instant expires = r.ttlSeconds() == null ? null : Instant.parse("2030-01-01T00:00:00Z");
            kv.put(r.appId() + "/" + r.key(), new KvValue(true, r.kind(), r.value(), expires));
            return new KvPutReply(expires);
        });
        on(d, StorageSubjects.KV_DELETE, KvDeleteRequest.class, r -> new KvDeleteReply(kv.remove(r.appId() + "/" + r.key()) != null));
        on(d, StorageSubjects.KV_LIST, KvListRequest.class, r -> {
            List<KvKey> keys = new ArrayList<>();
            new TreeMap<>(kv).forEach((k, v) -> {
                if (k.startsWith(r.appId() + "/" + (r.prefix() == null ? "" : r.prefix()))) {
                    keys.add(new KvKey(k.substring(r.appId().length() + 1), v.expiresAt()));
                }
            });
            return new KvListReply(keys, null, true);
        });
        on(d, StorageSubjects.DB_INSERT, DbInsertRequest.class, r -> {
            List<String> ids = new ArrayList<>();
            for (JsonNode doc : r.documents()) {
                String id = "d" + (collection(r.appId(), r.collection()).size() + 1);
                ((ObjectNode) doc).put("_id", id);
                collection(r.appId(), r.collection()).add(doc);
                ids.add(id);
            }
            return new DbInsertReply(ids);
        });
        on(d, StorageSubjects.DB_GET, DbGetRequest.class, r -> collection(r.appId(), r.collection()).stream()
                .filter(doc -> doc.path("_id").asText().equals(r.id())).findFirst()
                .map(doc -> new DbGetReply(true, doc)).orElse(new DbGetReply(false, null)));
        on(d, StorageSubjects.DB_FIND, DbFindRequest.class, r -> new DbFindReply(List.copyOf(collection(r.appId(), r.collection())), "next-page"));
        on(d, StorageSubjects.DB_UPDATE, DbUpdateRequest.class, r -> new DbCountReply(collection(r.appId(), r.collection()).size()));
        on(d, StorageSubjects.DB_DELETE, DbDeleteRequest.class, r -> new DbCountReply(0));
        on(d, StorageSubjects.DB_COUNT, DbCountRequest.class, r -> new DbCountReply(collection(r.appId(), r.collection()).size()));
        on(d, StorageSubjects.FILES_PUT, FilesPutRequest.class, r -> {
            FileInfo info = new FileInfo(r.path(), r.size(), r.contentType(), r.digest(), Instant.parse("2026-01-02T03:04:05Z"));
            files.put(r.appId() + "/" + r.path(), info);
            return info;
        });
        on(d, StorageSubjects.FILES_STAT, FilesStatRequest.class, r -> {
            FileInfo info = files.get(r.appId() + "/" + r.path());
            return new FilesStatReply(info != null, info);
        });
        on(d, StorageSubjects.FILES_LIST, FilesListRequest.class, r -> new FilesListReply(files.entrySet().stream()
                .filter(e -> e.getKey().startsWith(r.appId() + "/")).map(Map.Entry::getValue).toList(), null));
        on(d, StorageSubjects.FILES_DELETE, FilesDeleteRequest.class, r -> new FilesDeleteReply(files.remove(r.appId() + "/" + r.path()) != null));
        try {
            nats.flush(java.time.Duration.ofSeconds(5)); // the subscriptions are live before the first request
        } catch (Exception e) {
            throw new IllegalStateException("NATS flush failed", e);
        }
    }

    private List<JsonNode> collection(String appId, String name) {
        return collections.computeIfAbsent(appId + "/" + name, k -> new CopyOnWriteArrayList<>());
    }

    private String store(byte[] bytes) {
        try {
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            blobs.put(digest, bytes);
            return digest;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> void on(Dispatcher d, String subject, Class<T> type, Function<T, Object> answer) {
        d.subscribe(root.qualify(subject), "storage", (Message m) -> {
            T request = MessageCodec.INSTANCE.decode(m.getData(), type);
            requests.add(request);
            Object reply = answer.apply(request);
            Headers h = new Headers();
            if (reply instanceof Problem p) {
                h.put("Nats-Service-Error-Code", Integer.toString(p.status()));
                h.put("Nats-Service-Error", p.title());
            }
            nats.publish(m.getReplyTo(), h, MessageCodec.INSTANCE.encode(reply));
        });
    }
}
