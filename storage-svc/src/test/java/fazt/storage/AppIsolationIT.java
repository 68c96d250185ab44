package fazt.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.EventStreams;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.DbCountReply;
import fazt.proto.storage.DbCountRequest;
import fazt.proto.storage.DbDeleteRequest;
import fazt.proto.storage.DbFindReply;
import fazt.proto.storage.DbFindRequest;
import fazt.proto.storage.DbGetReply;
import fazt.proto.storage.DbGetRequest;
import fazt.proto.storage.DbInsertReply;
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
import fazt.proto.storage.KvListReply;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.KvValue;
import fazt.proto.storage.StorageSubjects;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Apps cannot see or touch one another's KV, documents or files, and deleting an app (deploy-svc's AppChanged
 * DELETED event on JetStream) purges its data and nobody else's.
 */
class AppIsolationIT {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    static String app() {
        return "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static JsonNode json(String text) throws Exception {
        return MessageCodec.INSTANCE.mapper().readTree(text.replace('\'', '"'));
    }

    /** Gives {@code app} one KV entry, one document and one file; returns the document's id. */
    static String fill(String app, BlobWritten blob) throws Exception {
        storage.request(
                StorageSubjects.KV_PUT,
                new KvPutRequest(app, "secret", "text", "of app".getBytes(StandardCharsets.UTF_8), null),
                KvPutReply.class);
        String id = storage.request(
                        StorageSubjects.DB_INSERT,
                        new DbInsertRequest(app, "notes", List.of(json("{'owner': '" + app + "', 'n': 1}"))),
                        DbInsertReply.class)
                .ids()
                .getFirst();
        storage.request(
                StorageSubjects.FILES_PUT,
                new FilesPutRequest(app, "private/data.bin", blob.digest(), blob.size(), null),
                FileInfo.class);
        return id;
    }

    @Test
    void appBSeesAndChangesNothingOfAppA() throws Exception {
        String a = app();
        String b = app();
        BlobWritten blob = storage.upload(StorageClient.random(100));
        String docId = fill(a, blob);

        assertThat(storage.request(StorageSubjects.KV_GET, new KvGetRequest(b, "secret"), KvValue.class)
                        .found())
                .isFalse();
        assertThat(storage.request(StorageSubjects.KV_LIST, new KvListRequest(b, null, null, 0), KvListReply.class)
                        .keys())
                .isEmpty();
        assertThat(storage.request(StorageSubjects.KV_DELETE, new KvDeleteRequest(b, "secret"), KvDeleteReply.class)
                        .deleted())
                .isFalse();

        assertThat(storage.request(StorageSubjects.DB_GET, new DbGetRequest(b, "notes", docId), DbGetReply.class)
                        .found())
                .isFalse();
        assertThat(storage.request(
                                StorageSubjects.DB_FIND,
                                new DbFindRequest(b, "notes", null, null, 0, null),
                                DbFindReply.class)
                        .documents())
                .isEmpty();
        assertThat(storage.request(
                                StorageSubjects.DB_COUNT,
                                new DbCountRequest(b, "notes", json("{}")),
                                DbCountReply.class)
                        .count())
                .isZero();
        assertThat(storage.request(
                                StorageSubjects.DB_UPDATE,
                                new DbUpdateRequest(b, "notes", null, json("{'$set': {'owner': 'b'}}")),
                                DbCountReply.class)
                        .count())
                .isZero();
        assertThat(storage.request(StorageSubjects.DB_DELETE, new DbDeleteRequest(b, "notes", null), DbCountReply.class)
                        .count())
                .isZero();
        // B may even reuse A's document id in its own collection of the same name.
        storage.request(
                StorageSubjects.DB_INSERT,
                new DbInsertRequest(b, "notes", List.of(json("{'_id': '" + docId + "', 'owner': 'b'}"))),
                DbInsertReply.class);

        assertThat(storage.request(
                                StorageSubjects.FILES_STAT,
                                new FilesStatRequest(b, "private/data.bin"),
                                FilesStatReply.class)
                        .found())
                .isFalse();
        assertThat(storage.request(
                                StorageSubjects.FILES_LIST,
                                new FilesListRequest(b, null, null, 0),
                                FilesListReply.class)
                        .files())
                .isEmpty();
        assertThat(storage.request(
                                StorageSubjects.FILES_DELETE,
                                new FilesDeleteRequest(b, "private/data.bin"),
                                FilesDeleteReply.class)
                        .deleted())
                .isFalse();

        // A's data is intact.
        assertThat(storage.request(StorageSubjects.KV_GET, new KvGetRequest(a, "secret"), KvValue.class)
                        .found())
                .isTrue();
        DbGetReply doc = storage.request(StorageSubjects.DB_GET, new DbGetRequest(a, "notes", docId), DbGetReply.class);
        assertThat(doc.document().get("owner").asText()).isEqualTo(a);
        assertThat(storage.request(
                                StorageSubjects.FILES_STAT,
                                new FilesStatRequest(a, "private/data.bin"),
                                FilesStatReply.class)
                        .found())
                .isTrue();
    }

    @Test
    void deletingAnAppPurgesItsKvDocumentsAndFilesOnly() throws Exception {
        String doomed = app();
        String kept = app();
        BlobWritten blob = storage.upload(StorageClient.random(100));
        fill(doomed, blob);
        fill(kept, blob);

        try (Connection nats = suite.nats().connect()) {
            // deploy-svc declares its stream at start; it is not running here.
            EventStreams.declare(nats, suite.nats().root(), ServiceName.DEPLOY);
            publish(nats, AppChanged.Change.DEPLOYED, kept);
            publish(nats, AppChanged.Change.DELETED, doomed);
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (storage.request(StorageSubjects.KV_GET, new KvGetRequest(doomed, "secret"), KvValue.class)
                        .found()
                || dataOf(doomed) > 0) {
            assertThat(System.nanoTime()).as("purged within 20 s").isLessThan(deadline);
            Thread.sleep(200);
        }
        assertThat(dataOf(doomed)).isZero();
        assertThat(dataOf(kept))
                .as("the other app's KV entry, document and file")
                .isEqualTo(3);
        assertThat(storage.stored(blob.digest()))
                .as("the blob another app's file references")
                .isTrue();
    }

    private static void publish(Connection nats, AppChanged.Change change, String appId) throws Exception {
        AppChanged event = new AppChanged("e_" + UUID.randomUUID(), change, appId, List.of("name"), 1, Instant.now());
        Headers headers = new Headers();
        headers.put(FaztHeaders.MSG_ID, event.eventId());
        nats.jetStream()
                .publish(
                        suite.nats().root().qualify(DeploySubjects.appEvent(change)),
                        headers,
                        MessageCodec.INSTANCE.encode(event));
    }

    /** Rows the app still has across kv_entry, document and app_file. */
    private static long dataOf(String app) throws Exception {
        try (var c = suite.postgres().connect();
                var s = c.prepareStatement("""
                SELECT (SELECT count(*) FROM storage.kv_entry WHERE app_id = ?)
                     + (SELECT count(*) FROM storage.document WHERE app_id = ?)
                     + (SELECT count(*) FROM storage.app_file WHERE app_id = ?)""")) {
            for (int i = 1; i <= 3; i++) {
                s.setString(i, app);
            }
            try (var r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
