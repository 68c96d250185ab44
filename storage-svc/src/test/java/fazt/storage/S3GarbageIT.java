package fazt.storage;

import static fazt.storage.StorageClient.random;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Garbage collection with blob bytes in S3 (ADR 38): a blob's object is deleted only after its row is gone and one
 * more grace has passed, never while a row needs it, and a writer of the same bytes racing the sweep ends with its
 * object in the bucket. The sweep runs every 300 ms with a 4 s grace here (long enough for an upload and its commit on a busy machine).
 */
class S3GarbageIT {
    static final Duration GRACE = Duration.ofSeconds(4);
    static final TestS3 s3 = TestS3.start();
    static final String PREFIX = "gc";

    static final TestSuite suite = s3.configure(
            TestSuite.of(new ServiceDefinition() {
                @Override
                public ServiceName name() {
                    return ServiceName.STORAGE;
                }

                @Override
                public List<Setting> settings() {
                    return java.util.stream.Stream.concat(
                                    StorageSettings.ALL.stream(),
                                    java.util.stream.Stream.of(
                                            Setting.millis("FAZT_TEST_GC_INTERVAL_MS", 300, 1, null, "sweep interval")
                                                    .mapsTo("storage.gc-interval", Setting.AS_DURATION),
                                            Setting.millis(
                                                            "FAZT_TEST_GC_GRACE_MS",
                                                            GRACE.toMillis(),
                                                            1,
                                                            null,
                                                            "sweep grace")
                                                    .mapsTo("storage.gc-grace", Setting.AS_DURATION)))
                            .toList();
                }
            }),
            PREFIX);

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    private static void await(String what, Duration timeout, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what + " within " + timeout).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static boolean hasObject(String digest) {
        return s3.objectSize(PREFIX, digest).isPresent();
    }

    private static boolean hasRow(String digest) {
        try {
            return TestS3.location(suite, digest) != null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anUnreferencedBlobLosesItsRowAfterTheGraceAndItsObjectOneGraceLater() throws Exception {
        BlobWritten orphan = storage.upload(random(3000));
        assertThat(hasObject(orphan.digest())).isTrue();

        await("row collected", GRACE.multipliedBy(5), () -> !hasRow(orphan.digest()));
        assertThat(hasObject(orphan.digest()))
                .as("the object outlives its row by a grace")
                .isTrue();
        await("object deleted", GRACE.multipliedBy(5), () -> !hasObject(orphan.digest()));
    }

    @Test
    void aDeployedSiteKeepsItsObjectsAndLosesThemOnceDropped() throws Exception {
        byte[] page = random(700_000);
        BlobWritten written = storage.upload(page);
        storage.commit("site/s3-journey/v1", new VfsFile("index.html", written.digest(), written.size()));

        Thread.sleep(GRACE.multipliedBy(3).toMillis());
        assertThat(hasRow(written.digest())).isTrue();
        assertThat(hasObject(written.digest())).isTrue();
        assertThat(storage.readAll(written.digest(), StorageSubjects.CHUNK_SIZE))
                .isEqualTo(page);

        storage.drop("site/s3-journey/v1");
        await("object deleted after the drop", GRACE.multipliedBy(8), () -> !hasObject(written.digest()));
    }

    @Test
    void theSameBytesUploadedAgainAfterTheirRowWasCollectedAreKept() throws Exception {
        byte[] data = random(5000);
        BlobWritten first = storage.upload(data);
        await("row collected", GRACE.multipliedBy(5), () -> !hasRow(first.digest()));

        BlobWritten again = storage.upload(data);
        storage.commit("site/again/v1", new VfsFile("a.bin", again.digest(), again.size()));

        Thread.sleep(GRACE.multipliedBy(3).toMillis());
        assertThat(hasObject(again.digest())).as("the object a new row needs").isTrue();
        assertThat(storage.readAll(again.digest(), StorageSubjects.CHUNK_SIZE)).isEqualTo(data);
    }

    /**
     * The race itself, played step by step: the test takes the sweep's part (holds an old record of the digest and
     * deletes the object) while a writer uploads the same bytes. The writer waits for the record, then writes the
     * object again, so the blob it was told is stored is in the bucket.
     */
    @Test
    void aWriterRacingTheObjectSweepWaitsForItAndWritesTheObjectAgain() throws Exception {
        byte[] data = random(4000);
        BlobWritten first = storage.upload(data);
        String digest = first.digest();
        try (Connection c = suite.postgres().connect()) {
            // The collector's part: the row goes and the digest is recorded (fresh, so the real sweep leaves it).
            c.setAutoCommit(false);
            exec(c, "DELETE FROM storage.blob WHERE digest = ?", digest);
            exec(c, "INSERT INTO storage.blob_stray_object (digest) VALUES (?)", digest);
            c.commit();
            // The sweep's part: it holds the record, now past its grace, and deletes the object.
            exec(c, "SELECT 1 FROM storage.blob_stray_object WHERE digest = ? FOR UPDATE", digest);
            exec(c, "UPDATE storage.blob_stray_object SET since = now() - interval '1 day' WHERE digest = ?", digest);

            CompletableFuture<BlobWritten> writer = CompletableFuture.supplyAsync(() -> {
                try {
                    return storage.upload(data);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(1000);
            assertThat(writer)
                    .as("the writer waits for the record the sweep holds")
                    .isNotDone();

            s3.deleteObject(PREFIX, digest);
            exec(c, "DELETE FROM storage.blob_stray_object WHERE digest = ?", digest);
            c.commit();

            BlobWritten written = writer.get(30, TimeUnit.SECONDS);
            assertThat(written.digest()).isEqualTo(digest);
        }
        assertThat(s3.objectSize(PREFIX, digest)).hasValue(data.length);
        assertThat(TestS3.location(suite, digest)).isEqualTo("s3");
        assertThat(storage.readAll(digest, 1000)).isEqualTo(data);
    }

    private static void exec(Connection c, String sql, String digest) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, digest);
            s.execute();
        }
    }
}
