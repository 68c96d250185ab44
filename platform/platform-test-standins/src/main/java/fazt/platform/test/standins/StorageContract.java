package fazt.platform.test.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.NatsRequester.RemoteProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.BlobsMissingReply;
import fazt.proto.storage.BlobsMissingRequest;
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
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What storage-svc promises its callers over NATS, as far as the other services' tests lean on it: blobs, namespaces,
 * KV and files. storage-svc's {@code StorageContractIT} runs it against the real service and
 * {@code StorageStandInIT} against {@link StorageStandIn}, so the stand-in cannot drift from the service in what
 * this checks. Each test works under app ids and namespaces of its own.
 */
public interface StorageContract {
    Duration TIMEOUT = Duration.ofSeconds(10);

    /** Requests on the subject root where the storage under test answers. */
    NatsRequester storage();

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private <T> T call(String subject, Object request, Class<T> reply) {
        return join(storage().request(subject, request, reply, TIMEOUT));
    }

    private Problem refusal(String subject, Object request) {
        Throwable thrown = catchThrowable(() -> join(storage().request(subject, request, Object.class, TIMEOUT)));
        assertThat(thrown).isInstanceOf(RemoteProblemException.class);
        return ((RemoteProblemException) thrown).problem();
    }

    private BlobWritten chunk(String upload, long offset, boolean last, byte[] data) {
        Message reply = join(storage()
                .requestRaw(
                        StorageSubjects.BLOB_WRITE,
                        Map.of(
                                StorageSubjects.HEADER_UPLOAD_ID,
                                upload,
                                StorageSubjects.HEADER_OFFSET,
                                Long.toString(offset),
                                StorageSubjects.HEADER_LAST,
                                Boolean.toString(last)),
                        data,
                        TIMEOUT));
        return MessageCodec.INSTANCE.decode(reply.getData(), BlobWritten.class);
    }

    private String blob(String content) {
        return chunk(unique("u_"), 0, true, content.getBytes(StandardCharsets.UTF_8))
                .digest();
    }

    private static <T> T join(CompletableFuture<T> reply) {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    default void aBlobIsWrittenInOrderedChunksNamedByItsDigestAndReadInRanges() {
        String content = "hello, " + unique("blob-");
        String upload = unique("u_");
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        BlobWritten first = chunk(upload, 0, false, Arrays.copyOf(bytes, 5));
        assertThat(first.received()).isEqualTo(5);
        assertThat(first.digest()).isNull();
        BlobWritten last = chunk(upload, 5, true, Arrays.copyOfRange(bytes, 5, bytes.length));
        assertThat(last.size()).isEqualTo(bytes.length);
        assertThat(last.digest()).hasSize(64).isEqualTo(HexFormat.of().formatHex(sha256(bytes)));
        assertThat(last.deduplicated()).isFalse();
        assertThat(chunk(unique("u_"), 0, true, bytes).deduplicated()).isTrue();

        Message range = join(storage()
                .requestForBytes(StorageSubjects.BLOB_READ, new BlobReadRequest(last.digest(), 7, 5), TIMEOUT));
        assertThat(new String(range.getData(), StandardCharsets.UTF_8)).isEqualTo(content.substring(7, 12));
        assertThat(range.getHeaders().getFirst(StorageSubjects.HEADER_BLOB_SIZE))
                .isEqualTo(Integer.toString(bytes.length));
        assertThat(call(
                                StorageSubjects.BLOB_MISSING,
                                new BlobsMissingRequest(List.of(last.digest(), "0".repeat(64))),
                                BlobsMissingReply.class)
                        .missing())
                .containsExactly("0".repeat(64));
    }

    @Test
    default void aChunkOutOfOrderAndAnAbsentBlobAreRefused() {
        String upload = unique("u_");
        chunk(upload, 0, false, new byte[] {1, 2, 3});
        Throwable outOfOrder = catchThrowable(() -> chunk(upload, 5, true, new byte[] {4}));
        assertThat(outOfOrder).isInstanceOf(RemoteProblemException.class);
        assertThat(((RemoteProblemException) outOfOrder).problem().status()).isEqualTo(409);

        Throwable absent = catchThrowable(() -> join(storage()
                .requestForBytes(StorageSubjects.BLOB_READ, new BlobReadRequest("0".repeat(64), 0, 1), TIMEOUT)));
        assertThat(absent).isInstanceOf(RemoteProblemException.class);
        assertThat(((RemoteProblemException) absent).problem().status()).isEqualTo(404);
    }

    @Test
    default void aNamespaceIsCommittedOnceFromStoredBlobsListedInPathOrderAndDropped() {
        String namespace = "site/" + unique("a_") + "/v1";
        String a = blob("a " + namespace);
        String b = blob("bb " + namespace);
        int aSize = ("a " + namespace).length();
        int bSize = ("bb " + namespace).length();
        List<VfsFile> files = List.of(new VfsFile("z/b.txt", b, bSize), new VfsFile("index.html", a, aSize));
        VfsCommitReply committed =
                call(StorageSubjects.VFS_COMMIT, new VfsCommitRequest(namespace, files), VfsCommitReply.class);
        assertThat(committed.files()).isEqualTo(2);
        assertThat(committed.bytes()).isEqualTo(aSize + bSize);
        assertThat(refusal(StorageSubjects.VFS_COMMIT, new VfsCommitRequest(namespace, files))
                        .status())
                .isEqualTo(409);
        assertThat(refusal(
                                StorageSubjects.VFS_COMMIT,
                                new VfsCommitRequest(
                                        "site/" + unique("a_") + "/v1", List.of(new VfsFile("x", "0".repeat(64), 1))))
                        .status())
                .isEqualTo(422);

        assertThat(call(
                                StorageSubjects.VFS_STAT,
                                new VfsStatRequest(namespace, List.of("nope", "index.html")),
                                VfsStatReply.class)
                        .found())
                .containsExactly(new VfsFile("index.html", a, aSize));
        VfsListReply page = call(StorageSubjects.VFS_LIST, new VfsListRequest(namespace, null, 1), VfsListReply.class);
        assertThat(page.files()).extracting(VfsFile::path).containsExactly("index.html");
        assertThat(page.next()).isEqualTo("index.html");
        VfsListReply rest =
                call(StorageSubjects.VFS_LIST, new VfsListRequest(namespace, page.next(), 1), VfsListReply.class);
        assertThat(rest.files()).containsExactly(new VfsFile("z/b.txt", b, bSize));
        assertThat(rest.next()).isNull();

        assertThat(call(StorageSubjects.VFS_DROP, new VfsDropRequest(namespace), VfsDropReply.class)
                        .files())
                .isEqualTo(2);
        assertThat(call(StorageSubjects.VFS_LIST, new VfsListRequest(namespace, null, 10), VfsListReply.class)
                        .files())
                .isEmpty();
    }

    @Test
    default void kvKeepsValuesPerAppWithTtlsAndPagesKeysByPrefix() {
        String app = unique("a_");
        byte[] one = "1".getBytes(StandardCharsets.UTF_8);
        call(StorageSubjects.KV_PUT, new KvPutRequest(app, "n1", "json", one, null), KvPutReply.class);
        call(
                StorageSubjects.KV_PUT,
                new KvPutRequest(app, "n2", "text", "two".getBytes(StandardCharsets.UTF_8), null),
                KvPutReply.class);
        call(StorageSubjects.KV_PUT, new KvPutRequest(app, "other", "bytes", new byte[] {9}, null), KvPutReply.class);
        Instant before = Instant.now();
        Instant expires = call(
                        StorageSubjects.KV_PUT,
                        new KvPutRequest(app, "n3", "text", "t".getBytes(StandardCharsets.UTF_8), 60L),
                        KvPutReply.class)
                .expiresAt();
        assertThat(expires).isBetween(before.plusSeconds(55), Instant.now().plusSeconds(65));

        KvValue value = call(StorageSubjects.KV_GET, new KvGetRequest(app, "n1"), KvValue.class);
        assertThat(value.found()).isTrue();
        assertThat(value.kind()).isEqualTo("json");
        assertThat(value.value()).isEqualTo(one);
        assertThat(call(StorageSubjects.KV_GET, new KvGetRequest(unique("a_"), "n1"), KvValue.class)
                        .found())
                .isFalse();
        assertThat(refusal(StorageSubjects.KV_PUT, new KvPutRequest(app, "", "text", one, null))
                        .status())
                .isEqualTo(400);
        assertThat(refusal(
                                StorageSubjects.KV_PUT,
                                new KvPutRequest(app, "k", "json", "{not json".getBytes(StandardCharsets.UTF_8), null))
                        .status())
                .isEqualTo(400);

        KvListReply page = call(StorageSubjects.KV_LIST, new KvListRequest(app, "n", null, 2), KvListReply.class);
        assertThat(page.keys()).extracting(KvKey::name).containsExactly("n1", "n2");
        assertThat(page.complete()).isFalse();
        KvListReply rest =
                call(StorageSubjects.KV_LIST, new KvListRequest(app, "n", page.cursor(), 2), KvListReply.class);
        assertThat(rest.keys()).extracting(KvKey::name).containsExactly("n3");
        assertThat(rest.keys().getFirst().expiresAt()).isCloseTo(expires, within(1, ChronoUnit.SECONDS));
        assertThat(rest.complete()).isTrue();

        assertThat(call(StorageSubjects.KV_DELETE, new KvDeleteRequest(app, "n1"), KvDeleteReply.class)
                        .deleted())
                .isTrue();
        assertThat(call(StorageSubjects.KV_DELETE, new KvDeleteRequest(app, "n1"), KvDeleteReply.class)
                        .deleted())
                .isFalse();
        assertThat(call(StorageSubjects.KV_GET, new KvGetRequest(app, "n1"), KvValue.class)
                        .found())
                .isFalse();
    }

    @Test
    default void aFileNamesAStoredBlobAndIsListedAndDeletedPerApp() {
        String app = unique("a_");
        assertThat(refusal(
                                StorageSubjects.FILES_PUT,
                                new FilesPutRequest(app, "docs/a.txt", "0".repeat(64), 1, "text/plain"))
                        .status())
                .isEqualTo(422);
        String digest = blob("file of " + app);
        long size = ("file of " + app).length();
        FileInfo put = call(
                StorageSubjects.FILES_PUT,
                new FilesPutRequest(app, "docs/a.txt", digest, size, "text/plain"),
                FileInfo.class);
        assertThat(put.path()).isEqualTo("docs/a.txt");
        assertThat(put.digest()).isEqualTo(digest);
        assertThat(put.size()).isEqualTo(size);
        assertThat(put.contentType()).isEqualTo("text/plain");
        assertThat(call(
                                StorageSubjects.FILES_PUT,
                                new FilesPutRequest(app, "b.bin", digest, size, null),
                                FileInfo.class)
                        .contentType())
                .isEqualTo("application/octet-stream");

        FilesStatReply stat =
                call(StorageSubjects.FILES_STAT, new FilesStatRequest(app, "docs/a.txt"), FilesStatReply.class);
        assertThat(stat.found()).isTrue();
        assertThat(stat.file().digest()).isEqualTo(digest);
        assertThat(call(
                                StorageSubjects.FILES_STAT,
                                new FilesStatRequest(unique("a_"), "docs/a.txt"),
                                FilesStatReply.class)
                        .found())
                .isFalse();
        assertThat(call(StorageSubjects.FILES_LIST, new FilesListRequest(app, "docs/", null, 0), FilesListReply.class)
                        .files())
                .extracting(FileInfo::path)
                .containsExactly("docs/a.txt");
        FilesListReply page =
                call(StorageSubjects.FILES_LIST, new FilesListRequest(app, null, null, 1), FilesListReply.class);
        assertThat(page.files()).extracting(FileInfo::path).containsExactly("b.bin");
        assertThat(call(
                                StorageSubjects.FILES_LIST,
                                new FilesListRequest(app, null, page.cursor(), 1),
                                FilesListReply.class)
                        .files())
                .extracting(FileInfo::path)
                .containsExactly("docs/a.txt");

        assertThat(call(StorageSubjects.FILES_DELETE, new FilesDeleteRequest(app, "docs/a.txt"), FilesDeleteReply.class)
                        .deleted())
                .isTrue();
        assertThat(call(StorageSubjects.FILES_STAT, new FilesStatRequest(app, "docs/a.txt"), FilesStatReply.class)
                        .found())
                .isFalse();
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
