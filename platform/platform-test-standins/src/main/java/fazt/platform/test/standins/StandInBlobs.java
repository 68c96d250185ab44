package fazt.platform.test.standins;

import static fazt.platform.test.standins.StandInRules.checked;
import static fazt.platform.test.standins.StandInRules.invalid;
import static fazt.platform.test.standins.StandInRules.listOf;
import static fazt.platform.test.standins.StandInRules.number;
import static fazt.platform.test.standins.StandInRules.page;
import static fazt.platform.test.standins.StandInRules.path;
import static fazt.platform.test.standins.StandInRules.refused;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RawReply;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobWritten;
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
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** Storage's content-addressed blobs and immutable namespaces, as {@link StorageStandIn} plays them. */
final class StandInBlobs {
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final Map<String, Upload> uploads = new ConcurrentHashMap<>();
    private final Map<String, NavigableMap<String, VfsFile>> namespaces = new ConcurrentHashMap<>();

    /** The blob stored under {@code digest}, or null. */
    byte[] blob(String digest) {
        return digest == null ? null : blobs.get(digest);
    }

    /** The digests of {@code digests} that are not stored, each once. */
    List<String> missing(List<String> digests) {
        return listOf(digests).stream()
                .filter(d -> !blobs.containsKey(d))
                .distinct()
                .toList();
    }

    /** The committed files of {@code namespace} (path → bytes), empty when it is not committed. */
    Map<String, byte[]> namespace(String namespace) {
        Map<String, byte[]> content = new LinkedHashMap<>();
        namespaces
                .getOrDefault(namespace, new TreeMap<>())
                .forEach((path, file) -> content.put(path, blobs.get(file.digest())));
        return content;
    }

    /** Names of the committed namespaces. */
    Set<String> namespaces() {
        return Set.copyOf(namespaces.keySet());
    }

    private static final class Upload {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    }

    synchronized BlobWritten write(IncomingRequest request) {
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

    RawReply read(BlobReadRequest request) {
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

    String store(byte[] bytes) {
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

    synchronized VfsCommitReply commit(VfsCommitRequest request) {
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

    VfsStatReply stat(VfsStatRequest request) {
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

    VfsListReply list(VfsListRequest request) {
        NavigableMap<String, VfsFile> content = namespaces.getOrDefault(checked(request.namespace()), new TreeMap<>());
        if (request.limit() < 1 || request.limit() > StorageStandIn.MAX_PAGE) {
            throw invalid("limit", "must be between 1 and " + StorageStandIn.MAX_PAGE + ", got " + request.limit());
        }
        List<VfsFile> page =
                page(request.after() == null ? content : content.tailMap(request.after(), false), request.limit());
        boolean more = page.size() > request.limit();
        List<VfsFile> shown = more ? page.subList(0, request.limit()) : page;
        return new VfsListReply(List.copyOf(shown), more ? shown.getLast().path() : null);
    }

    VfsDropReply drop(VfsDropRequest request) {
        NavigableMap<String, VfsFile> dropped = namespaces.remove(checked(request.namespace()));
        return new VfsDropReply(request.namespace(), dropped == null ? 0 : dropped.size(), 0);
    }
}
