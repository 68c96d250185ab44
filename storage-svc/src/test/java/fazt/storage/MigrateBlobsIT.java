package fazt.storage;

import static fazt.storage.StorageClient.random;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.service.settings.SettingsException;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code fazt-server migrate-blobs} both ways against a serving storage-svc on S3 (ADR 38): every blob moves,
 * verified, while reads keep returning the right bytes; a second run moves nothing; the objects of blobs moved back
 * to PostgreSQL are left for the sweep, not deleted at once.
 */
class MigrateBlobsIT {
    static final TestS3 s3 = TestS3.start();
    static final String PREFIX = "migrate";
    static final TestSuite suite = s3.configure(TestSuite.of(new StorageService()), PREFIX);

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static long migrate(String to, ByteArrayOutputStream progress) {
        return MigrateBlobs.run(
                suite.env(), List.of("--to", to), new PrintStream(progress, true, StandardCharsets.UTF_8));
    }

    @Test
    void everyBlobMovesToPostgresAndBackWhileReadsGoOn() throws Exception {
        Map<String, byte[]> blobs = new LinkedHashMap<>();
        for (int size : new int[] {0, 1, 300_000, 9 * 1024 * 1024 + 7}) {
            byte[] data = random(size);
            blobs.put(storage.upload(data).digest(), data);
        }
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try {
                while (reading.get()) {
                    for (var blob : blobs.entrySet()) {
                        assertThat(storage.readAll(blob.getKey(), StorageSubjects.CHUNK_SIZE))
                                .isEqualTo(blob.getValue());
                        reads.incrementAndGet();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        // Other tests of this class may have left blobs of their own in the bucket: at least these four move.
        assertThat(migrate("postgres", progress)).isGreaterThanOrEqualTo(blobs.size());
        for (var blob : blobs.entrySet()) {
            assertThat(TestS3.location(suite, blob.getKey())).isEqualTo("pg");
            assertThat(TestS3.chunkBytes(suite, blob.getKey())).isEqualTo(blob.getValue().length);
            assertThat(s3.objectSize(PREFIX, blob.getKey()))
                    .as("left for the sweep, one grace later")
                    .hasValue(blob.getValue().length);
        }
        assertThat(progress.toString(StandardCharsets.UTF_8))
                .contains("to move to postgres")
                .contains("moved in")
                .contains("0 left in s3");
        assertThat(migrate("postgres", new ByteArrayOutputStream()))
                .as("a second run")
                .isZero();

        assertThat(migrate("s3://" + TestS3.BUCKET + "/" + PREFIX, new ByteArrayOutputStream()))
                .isGreaterThanOrEqualTo(blobs.size());
        reading.set(false);
        reader.join();
        assertThat(reads.get()).isPositive();
        for (var blob : blobs.entrySet()) {
            assertThat(TestS3.location(suite, blob.getKey())).isEqualTo("s3");
            assertThat(TestS3.chunkBytes(suite, blob.getKey())).isZero();
            assertThat(storage.readAll(blob.getKey(), StorageSubjects.CHUNK_SIZE))
                    .isEqualTo(blob.getValue());
        }
    }

    @Test
    void aNewUploadOfABlobStillInPostgresMovesItToTheBucket() throws Exception {
        byte[] data = random(2000);
        BlobWritten written = storage.upload(data);
        migrate("postgres", new ByteArrayOutputStream());
        assertThat(TestS3.location(suite, written.digest())).isEqualTo("pg");

        BlobWritten again = storage.upload(data);

        assertThat(again.deduplicated()).isTrue();
        assertThat(TestS3.location(suite, written.digest())).isEqualTo("s3");
        assertThat(TestS3.chunkBytes(suite, written.digest())).isZero();
    }

    @Test
    void itRefusesATargetItCannotServe() {
        Map<String, String> onPostgres = new HashMap<>(suite.env());
        onPostgres.put("FAZT_BLOB_STORE", "postgres");
        assertThatThrownBy(() -> MigrateBlobs.run(onPostgres, List.of("--to", "s3://fazt-blobs/x"), System.err))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("FAZT_BLOB_STORE")
                .hasMessageContaining("switch it to s3://fazt-blobs/x");
        assertThatThrownBy(() -> MigrateBlobs.run(suite.env(), List.of("--to", "s3://other-bucket/x"), System.err))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("one bucket only");
        assertThatThrownBy(() -> MigrateBlobs.run(suite.env(), List.of("--to", "ftp://x"), System.err))
                .isInstanceOf(SettingsException.class)
                .hasMessageContaining("expected `postgres` or s3://");
        assertThatThrownBy(() -> MigrateBlobs.run(suite.env(), List.of(), System.err))
                .isInstanceOf(SettingsException.class);
    }
}
