package fazt.platform.test.standins;

import static fazt.platform.test.standins.StandInRules.app;
import static fazt.platform.test.standins.StandInRules.cursor;
import static fazt.platform.test.standins.StandInRules.encode;
import static fazt.platform.test.standins.StandInRules.invalid;
import static fazt.platform.test.standins.StandInRules.isJson;
import static fazt.platform.test.standins.StandInRules.key;
import static fazt.platform.test.standins.StandInRules.limit;
import static fazt.platform.test.standins.StandInRules.path;
import static fazt.platform.test.standins.StandInRules.refused;

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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Each app's KV entries (with TTLs) and files, as {@link StorageStandIn} plays them. */
final class StandInAppData {
    private final Clock clock;
    private final StandInBlobs blobs;
    private final Map<String, NavigableMap<String, Entry>> kv = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<String, FileInfo>> files = new ConcurrentHashMap<>();

    StandInAppData(Clock clock, StandInBlobs blobs) {
        this.clock = clock;
        this.blobs = blobs;
    }

    // KV.

    private record Entry(String kind, byte[] value, Instant expiresAt) {}

    private NavigableMap<String, Entry> live(String appId) {
        NavigableMap<String, Entry> entries = kv.computeIfAbsent(app(appId), a -> new TreeMap<>());
        Instant now = clock.instant();
        entries.values().removeIf(e -> e.expiresAt() != null && !e.expiresAt().isAfter(now));
        return entries;
    }

    synchronized KvValue kvGet(KvGetRequest request) {
        Entry entry = live(request.appId()).get(key("key", request.key()));
        return entry == null ? KvValue.absent() : new KvValue(true, entry.kind(), entry.value(), entry.expiresAt());
    }

    synchronized KvPutReply kvPut(KvPutRequest request) {
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

    synchronized KvDeleteReply kvDelete(KvDeleteRequest request) {
        return new KvDeleteReply(live(request.appId()).remove(key("key", request.key())) != null);
    }

    synchronized KvListReply kvList(KvListRequest request) {
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

    // Files.

    synchronized FileInfo filesPut(FilesPutRequest request) {
        path("path", request.path());
        byte[] blob = blobs.blob(request.digest());
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

    synchronized FilesStatReply filesStat(FilesStatRequest request) {
        path("path", request.path());
        FileInfo info =
                files.getOrDefault(app(request.appId()), new TreeMap<>()).get(request.path());
        return new FilesStatReply(info != null, info);
    }

    synchronized FilesListReply filesList(FilesListRequest request) {
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

    synchronized FilesDeleteReply filesDelete(FilesDeleteRequest request) {
        path("path", request.path());
        return new FilesDeleteReply(
                files.getOrDefault(app(request.appId()), new TreeMap<>()).remove(request.path()) != null);
    }
}
