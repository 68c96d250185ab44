package fazt.storage;

import static fazt.storage.StorageClient.problemOf;
import static fazt.storage.StorageClient.random;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.ServiceDefinition;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.ServiceName;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.FileInfo;
import fazt.proto.storage.FilesDeleteReply;
import fazt.proto.storage.FilesDeleteRequest;
import fazt.proto.storage.FilesPutRequest;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsFile;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The periodic sweep and the upload size limit, with both shrunk so a test can watch them act. */
class HousekeepingIT {
    static final Duration GRACE = Duration.ofSeconds(2);
    static final long MAX_UPLOAD = 1_000_000;
    /** The sweep's advisory lock key, as {@code GarbageSweep} declares it. */
    static final long SWEEP_LOCK = 0x66617a742d6763L;

    static final TestSuite suite = TestSuite.of(new ServiceDefinition() {
        @Override
        public ServiceName name() {
            return ServiceName.STORAGE;
        }

        /** Settings of the test's own whose defaults shrink the sweep and the upload limit. */
        @Override
        public List<Setting> settings() {
            return List.of(
                    Setting.millis("FAZT_TEST_GC_INTERVAL_MS", 300, 1, null, "sweep interval")
                            .mapsTo("storage.gc-interval", Setting.AS_DURATION),
                    Setting.millis("FAZT_TEST_GC_GRACE_MS", GRACE.toMillis(), 1, null, "sweep grace")
                            .mapsTo("storage.gc-grace", Setting.AS_DURATION),
                    Setting.number("FAZT_TEST_MAX_UPLOAD_BYTES", MAX_UPLOAD, 1, null, "upload limit")
                            .mapsTo("storage.max-upload-bytes"));
        }
    });

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    private static boolean stored(String digest) throws Exception {
        return storage.stored(digest);
    }

    private static void awaitCollected(String digest, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (stored(digest)) {
            assertThat(System.nanoTime()).as("collected within " + timeout).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static void awaitUploadGone(String uploadId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Connection c = suite.postgres().connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM storage.upload WHERE id = ?")) {
            s.setString(1, uploadId);
            while (true) {
                try (var r = s.executeQuery()) {
                    r.next();
                    if (r.getInt(1) == 0) {
                        return;
                    }
                }
                assertThat(System.nanoTime())
                        .as("upload removed within " + timeout)
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }

    @Test
    void theSweepCollectsUnreferencedBlobsAndAbandonedUploadsAfterTheGraceOnly() throws Exception {
        BlobWritten orphan = storage.upload(random(1000));
        BlobWritten kept = storage.upload(random(1000));
        storage.commit("site/kept/v1", new VfsFile("index.html", kept.digest(), kept.size()));
        String abandoned = StorageClient.newUploadId();
        storage.chunk(abandoned, 0, false, random(100));

        assertThat(stored(orphan.digest()))
                .as("an unreferenced blob within its grace")
                .isTrue();
        awaitCollected(orphan.digest(), GRACE.multipliedBy(5));

        assertThat(stored(kept.digest())).as("a referenced blob").isTrue();
        awaitUploadGone(abandoned, GRACE.multipliedBy(5));
        Problem problem = problemOf(() -> storage.chunk(abandoned, 100, true, random(10)));
        assertThat(problem.status()).as("the abandoned upload is gone").isEqualTo(409);
        try (var c = suite.postgres().connect();
                var s = c.createStatement();
                var r = s.executeQuery("SELECT count(*) FROM storage.blob_chunk WHERE blob_key LIKE 'upload:%'")) {
            r.next();
            assertThat(r.getInt(1)).as("chunks of abandoned uploads").isZero();
        }
    }

    @Test
    void onlyOneInstanceSweepsAtATime() throws Exception {
        try (Connection c = suite.postgres().connect()) {
            // Another instance sweeping holds the lock; this one must skip its rounds meanwhile.
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_lock(?)")) {
                s.setLong(1, SWEEP_LOCK);
                s.execute();
            }
            BlobWritten orphan = storage.upload(random(500));
            Thread.sleep(GRACE.plusSeconds(1).toMillis());
            assertThat(stored(orphan.digest()))
                    .as("kept while another instance holds the sweep")
                    .isTrue();
            try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                s.setLong(1, SWEEP_LOCK);
                s.execute();
            }
            awaitCollected(orphan.digest(), GRACE.multipliedBy(5));
        }
    }

    @Test
    void anUploadGrowingPastTheLimitIsRefusedAndDiscarded() throws Exception {
        String id = StorageClient.newUploadId();
        storage.chunk(id, 0, false, random(500_000));
        storage.chunk(id, 500_000, false, random(500_000));

        Problem problem = problemOf(() -> storage.chunk(id, 1_000_000, true, random(1)));

        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("storage/upload-too-large");
        assertThat(problem.detail()).contains(Long.toString(MAX_UPLOAD));
        assertThat(problemOf(() -> storage.chunk(id, 1_000_000, true, new byte[0]))
                        .status())
                .as("the upload was discarded")
                .isEqualTo(409);
        assertThat(storage.upload(random((int) MAX_UPLOAD)).size())
                .as("exactly the limit")
                .isEqualTo(MAX_UPLOAD);
    }

    @Test
    void aBlobAnAppFileReferencesIsNeverCollectedAndIsOnceTheFileIsGone() throws Exception {
        BlobWritten blob = storage.upload(random(1000));
        storage.request(
                StorageSubjects.FILES_PUT,
                new FilesPutRequest("a_files", "keep/me.bin", blob.digest(), blob.size(), null),
                FileInfo.class);
        // The same bytes deployed as a site file, then the site dropped: the drop must spare the app's file.
        storage.commit("site/shared/v1", new VfsFile("same.bin", blob.digest(), blob.size()));
        storage.drop("site/shared/v1");
        Thread.sleep(GRACE.multipliedBy(2).toMillis());
        assertThat(stored(blob.digest()))
                .as("referenced by an app file past the grace")
                .isTrue();

        assertThat(storage.request(
                                StorageSubjects.FILES_DELETE,
                                new FilesDeleteRequest("a_files", "keep/me.bin"),
                                FilesDeleteReply.class)
                        .deleted())
                .isTrue();
        awaitCollected(blob.digest(), GRACE.multipliedBy(5));
    }

    @Test
    void theSweepDeletesExpiredKvEntriesAndKeepsLiveOnes() throws Exception {
        storage.request(
                StorageSubjects.KV_PUT,
                new KvPutRequest("a_ttl", "short", "text", new byte[] {1}, 1L),
                KvPutReply.class);
        storage.request(
                StorageSubjects.KV_PUT,
                new KvPutRequest("a_ttl", "long", "text", new byte[] {1}, 3600L),
                KvPutReply.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        try (Connection c = suite.postgres().connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT string_agg(key, ',' ORDER BY key) FROM storage.kv_entry WHERE app_id = 'a_ttl'")) {
            while (true) {
                try (var r = s.executeQuery()) {
                    r.next();
                    if ("long".equals(r.getString(1))) {
                        return;
                    }
                    assertThat(r.getString(1)).isEqualTo("long,short");
                }
                assertThat(System.nanoTime())
                        .as("expired entry swept within 10 s")
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
        }
    }
}
