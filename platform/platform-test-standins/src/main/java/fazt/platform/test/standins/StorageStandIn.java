package fazt.platform.test.standins;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.ProblemException;
import fazt.platform.nats.RequestEndpoint;
import fazt.platform.nats.ServiceEndpoints;
import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobsMissingReply;
import fazt.proto.storage.BlobsMissingRequest;
import fazt.proto.storage.DbCountRequest;
import fazt.proto.storage.DbDeleteRequest;
import fazt.proto.storage.DbFindRequest;
import fazt.proto.storage.DbGetRequest;
import fazt.proto.storage.DbInsertRequest;
import fazt.proto.storage.DbUpdateRequest;
import fazt.proto.storage.FilesDeleteRequest;
import fazt.proto.storage.FilesListRequest;
import fazt.proto.storage.FilesPutRequest;
import fazt.proto.storage.FilesStatRequest;
import fazt.proto.storage.KvDeleteRequest;
import fazt.proto.storage.KvGetRequest;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsCommitRequest;
import fazt.proto.storage.VfsDropRequest;
import fazt.proto.storage.VfsFile;
import fazt.proto.storage.VfsListRequest;
import fazt.proto.storage.VfsStatRequest;
import io.nats.client.Connection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    private final List<Object> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Function<IncomingRequest, Object>> answers = new ConcurrentHashMap<>();
    private final StandInBlobs blobs = new StandInBlobs();
    private final StandInAppData data;
    private final ServiceEndpoints endpoints;

    private StorageStandIn(Connection nats, SubjectRoot root, Clock clock) {
        data = new StandInAppData(clock, blobs);
        answers.put(StorageSubjects.BLOB_WRITE, blobs::write);
        answers.put(StorageSubjects.BLOB_READ, r -> blobs.read(record(r, BlobReadRequest.class)));
        answers.put(
                StorageSubjects.BLOB_MISSING,
                r -> new BlobsMissingReply(
                        blobs.missing(record(r, BlobsMissingRequest.class).digests())));
        answers.put(StorageSubjects.VFS_COMMIT, r -> blobs.commit(record(r, VfsCommitRequest.class)));
        answers.put(StorageSubjects.VFS_STAT, r -> blobs.stat(record(r, VfsStatRequest.class)));
        answers.put(StorageSubjects.VFS_LIST, r -> blobs.list(record(r, VfsListRequest.class)));
        answers.put(StorageSubjects.VFS_DROP, r -> blobs.drop(record(r, VfsDropRequest.class)));
        answers.put(StorageSubjects.KV_GET, r -> data.kvGet(record(r, KvGetRequest.class)));
        answers.put(StorageSubjects.KV_PUT, r -> data.kvPut(record(r, KvPutRequest.class)));
        answers.put(StorageSubjects.KV_DELETE, r -> data.kvDelete(record(r, KvDeleteRequest.class)));
        answers.put(StorageSubjects.KV_LIST, r -> data.kvList(record(r, KvListRequest.class)));
        answers.put(StorageSubjects.FILES_PUT, r -> data.filesPut(record(r, FilesPutRequest.class)));
        answers.put(StorageSubjects.FILES_STAT, r -> data.filesStat(record(r, FilesStatRequest.class)));
        answers.put(StorageSubjects.FILES_LIST, r -> data.filesList(record(r, FilesListRequest.class)));
        answers.put(StorageSubjects.FILES_DELETE, r -> data.filesDelete(record(r, FilesDeleteRequest.class)));
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
                throw StandInRules.refused(
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
        content.forEach((path, bytes) -> listed.add(new VfsFile(path, blobs.store(bytes), bytes.length)));
        blobs.commit(new VfsCommitRequest(namespace, listed));
    }

    /** The committed files of {@code namespace} (path → bytes), empty when it is not committed. */
    public Map<String, byte[]> namespace(String namespace) {
        return blobs.namespace(namespace);
    }

    /** Names of the committed namespaces. */
    public Set<String> namespaces() {
        return blobs.namespaces();
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
}
