package fazt.storage;

import static fazt.storage.StorageClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.FileInfo;
import fazt.proto.storage.FilesDeleteReply;
import fazt.proto.storage.FilesDeleteRequest;
import fazt.proto.storage.FilesListReply;
import fazt.proto.storage.FilesListRequest;
import fazt.proto.storage.FilesPutRequest;
import fazt.proto.storage.FilesStatReply;
import fazt.proto.storage.FilesStatRequest;
import fazt.proto.storage.StorageSubjects;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** env.FILES over NATS and PostgreSQL: put after blob.write, stat, list by prefix with a cursor, delete, limits. */
class FilesIT {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    static String app() {
        return "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static FileInfo put(String app, String path, BlobWritten blob, String type) throws Exception {
        return storage.request(
                StorageSubjects.FILES_PUT,
                new FilesPutRequest(app, path, blob.digest(), blob.size(), type),
                FileInfo.class);
    }

    static FilesStatReply stat(String app, String path) throws Exception {
        return storage.request(StorageSubjects.FILES_STAT, new FilesStatRequest(app, path), FilesStatReply.class);
    }

    static FilesListReply list(String app, String prefix, String cursor, int limit) throws Exception {
        return storage.request(
                StorageSubjects.FILES_LIST, new FilesListRequest(app, prefix, cursor, limit), FilesListReply.class);
    }

    @Test
    void aFileWrittenAsABlobIsStoredStatedReadReplacedAndDeleted() throws Exception {
        String app = app();
        byte[] data = StorageClient.random(700_000);
        BlobWritten blob = storage.upload(data);
        Instant before = Instant.now().minusSeconds(1);

        FileInfo info = put(app, "uploads/photo.png", blob, "image/png");
        assertThat(info.path()).isEqualTo("uploads/photo.png");
        assertThat(info.size()).isEqualTo(700_000);
        assertThat(info.contentType()).isEqualTo("image/png");
        assertThat(info.digest()).isEqualTo(StorageClient.sha256(data));
        assertThat(info.updatedAt()).isAfter(before);
        assertThat(stat(app, "uploads/photo.png")).isEqualTo(new FilesStatReply(true, info));
        assertThat(storage.readAll(info.digest(), StorageSubjects.CHUNK_SIZE)).isEqualTo(data);

        BlobWritten other = storage.upload("hello".getBytes());
        FileInfo replaced = put(app, "uploads/photo.png", other, null);
        assertThat(replaced.digest()).isEqualTo(other.digest());
        assertThat(replaced.contentType()).isEqualTo("application/octet-stream");

        assertThat(storage.request(
                                StorageSubjects.FILES_DELETE,
                                new FilesDeleteRequest(app, "uploads/photo.png"),
                                FilesDeleteReply.class)
                        .deleted())
                .isTrue();
        assertThat(stat(app, "uploads/photo.png").found()).isFalse();
        assertThat(storage.request(
                                StorageSubjects.FILES_DELETE,
                                new FilesDeleteRequest(app, "uploads/photo.png"),
                                FilesDeleteReply.class)
                        .deleted())
                .isFalse();
    }

    @Test
    void listPagesByPrefixInPathOrder() throws Exception {
        String app = app();
        BlobWritten blob = storage.upload(StorageClient.random(10));
        for (String path : List.of("a/3.txt", "a/1.txt", "a/2/x.txt", "a_b.txt", "b/1.txt", "a/%.txt")) {
            put(app, path, blob, "text/plain");
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            FilesListReply page = list(app, "a/", cursor, 2);
            page.files().forEach(f -> seen.add(f.path()));
            cursor = page.cursor();
        } while (cursor != null);
        assertThat(seen).containsExactly("a/%.txt", "a/1.txt", "a/2/x.txt", "a/3.txt");
        assertThat(list(app, null, null, 0).files()).hasSize(6);
        assertThat(list(app, "a_", null, 0).files()).extracting(FileInfo::path).containsExactly("a_b.txt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "a/../b", "a//b", "", "./a", "a/", "a\\b"})
    void invalidPathsAreRefusedNamingThePath(String path) throws Exception {
        BlobWritten blob = storage.upload(StorageClient.random(10));
        Problem problem = problemOf(() -> put(app(), path, blob, null));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("path");
    }

    @Test
    void pathsOver1024BytesAMissingBlobAWrongSizeAndABadTypeAreRefused() throws Exception {
        String app = app();
        BlobWritten blob = storage.upload(StorageClient.random(10));
        assertThat(problemOf(() -> put(app, "é".repeat(513), blob, null)).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("path");
        put(app, "é".repeat(512), blob, null);

        String absent = StorageClient.sha256("never uploaded".getBytes());
        Problem missing = problemOf(() -> storage.request(
                StorageSubjects.FILES_PUT, new FilesPutRequest(app, "x", absent, 14, null), FileInfo.class));
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.type()).endsWith("storage/blob-missing");
        Problem size = problemOf(() -> storage.request(
                StorageSubjects.FILES_PUT, new FilesPutRequest(app, "x", blob.digest(), 11, null), FileInfo.class));
        assertThat(size.status()).isEqualTo(422);
        assertThat(problemOf(() -> put(app, "x", blob, "text/plain\r\nX-Evil: 1"))
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("contentType");
        assertThat(stat(app, "x").found()).isFalse();
    }
}
