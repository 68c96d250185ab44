package fazt.storage;

import static fazt.storage.StorageClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.problem.Problem;
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
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** env.KV over NATS and PostgreSQL: put/get/delete, kinds, TTL, listing by prefix with a cursor, and limits. */
class KvIT {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    private static String app() {
        return "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static KvPutReply put(String app, String key, String kind, byte[] value, Long ttl) throws Exception {
        return storage.request(StorageSubjects.KV_PUT, new KvPutRequest(app, key, kind, value, ttl), KvPutReply.class);
    }

    static KvValue get(String app, String key) throws Exception {
        return storage.request(StorageSubjects.KV_GET, new KvGetRequest(app, key), KvValue.class);
    }

    static KvListReply list(String app, String prefix, String cursor, int limit) throws Exception {
        return storage.request(
                StorageSubjects.KV_LIST, new KvListRequest(app, prefix, cursor, limit), KvListReply.class);
    }

    @Test
    void putThenGetReturnsValueAndKindAndReplacesOnSecondPut() throws Exception {
        String app = app();
        KvPutReply stored = put(app, "counter", "json", utf8("1"), null);
        assertThat(stored.expiresAt()).isNull();
        assertThat(get(app, "counter")).isEqualTo(new KvValue(true, "json", utf8("1"), null));

        put(app, "counter", "text", utf8("two"), null);
        assertThat(get(app, "counter")).isEqualTo(new KvValue(true, "text", utf8("two"), null));

        byte[] bytes = {0, 1, 2, (byte) 0xff};
        put(app, "raw", "bytes", bytes, null);
        assertThat(get(app, "raw").value()).isEqualTo(bytes);
        assertThat(get(app, "absent")).isEqualTo(KvValue.absent());
    }

    @Test
    void deleteReportsWhetherALiveKeyWasThere() throws Exception {
        String app = app();
        put(app, "k", "text", utf8("v"), null);
        assertThat(storage.request(StorageSubjects.KV_DELETE, new KvDeleteRequest(app, "k"), KvDeleteReply.class)
                        .deleted())
                .isTrue();
        assertThat(get(app, "k").found()).isFalse();
        assertThat(storage.request(StorageSubjects.KV_DELETE, new KvDeleteRequest(app, "k"), KvDeleteReply.class)
                        .deleted())
                .isFalse();
    }

    @Test
    void anExpiredKeyIsInvisibleAtOnceAndTheSweepRemovesIt() throws Exception {
        String app = app();
        Instant before = Instant.now();
        KvPutReply stored = put(app, "session", "text", utf8("x"), 1L);
        Instant after = Instant.now();
        // one second after the put was handled, whenever that was
        assertThat(stored.expiresAt()).isBetween(before.plusMillis(999), after.plusMillis(1001));
        put(app, "forever", "text", utf8("y"), null);
        assertThat(get(app, "session").expiresAt()).isEqualTo(stored.expiresAt());
        assertThat(list(app, null, null, 0).keys()).extracting(KvKey::name).containsExactly("forever", "session");

        Thread.sleep(Math.max(0, stored.expiresAt().toEpochMilli() - System.currentTimeMillis()) + 300);
        assertThat(get(app, "session").found()).isFalse();
        assertThat(list(app, null, null, 0).keys()).extracting(KvKey::name).containsExactly("forever");
        assertThat(rows(app)).isEqualTo(2);
        assertThat(storage.request(StorageSubjects.KV_DELETE, new KvDeleteRequest(app, "session"), KvDeleteReply.class)
                        .deleted())
                .as("an expired key does not count as deleted")
                .isFalse();

        // A put over an expired key revives it with the new value and TTL.
        put(app, "session", "text", utf8("z"), null);
        assertThat(get(app, "session")).isEqualTo(new KvValue(true, "text", utf8("z"), null));
    }

    private static int rows(String app) throws Exception {
        try (Connection c = suite.postgres().connect();
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM storage.kv_entry WHERE app_id = ?")) {
            s.setString(1, app);
            try (var r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    void listPagesThroughKeysInByteOrderByPrefixWithAnOpaqueCursor() throws Exception {
        String app = app();
        List<String> keys = List.of("user:1", "user:10", "user:2", "user:é", "user:Z", "user_x", "users", "other");
        for (String key : keys) {
            put(app, key, "json", utf8("true"), null);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        KvListReply page;
        do {
            page = list(app, "user:", cursor, 2);
            page.keys().forEach(k -> seen.add(k.name()));
            cursor = page.cursor();
            pages++;
            assertThat(page.complete()).isEqualTo(cursor == null);
        } while (!page.complete());
        assertThat(seen).containsExactly("user:1", "user:10", "user:2", "user:Z", "user:é");
        assertThat(pages).isEqualTo(3);

        // The prefix is literal: '_' and '%' are not wildcards.
        assertThat(list(app, "user_", null, 0).keys()).extracting(KvKey::name).containsExactly("user_x");
        assertThat(list(app, null, null, 0).keys()).hasSize(keys.size());
        assertThat(list(app, "%", null, 0).keys()).isEmpty();
    }

    @Test
    void badKeysValuesTtlsAndCursorsAreRefusedNamingTheFieldAndStoreNothing() throws Exception {
        String app = app();
        Problem longKey = problemOf(() -> put(app, "k".repeat(513), "text", utf8("v"), null));
        assertThat(longKey.status()).isEqualTo(400);
        assertThat(longKey.errors()).extracting(Problem.FieldError::field).containsExactly("key");
        // 171 three-byte characters are 513 bytes: the limit is in bytes, not characters.
        assertThat(problemOf(() -> put(app, "€".repeat(171), "text", utf8("v"), null))
                        .status())
                .isEqualTo(400);
        put(app, "€".repeat(170), "text", utf8("v"), null);
        assertThat(problemOf(() -> put(app, "", "text", utf8("v"), null)).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("key");

        Problem big = problemOf(() -> put(app, "big", "bytes", new byte[StorageSubjects.KV_MAX_VALUE + 1], null));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.type()).endsWith("storage/too-large");
        assertThat(big.errors()).extracting(Problem.FieldError::field).containsExactly("value");
        put(app, "max", "bytes", new byte[StorageSubjects.KV_MAX_VALUE], null);

        assertThat(problemOf(() -> put(app, "k", "xml", utf8("v"), null)).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("kind");
        assertThat(problemOf(() -> put(app, "k", "json", utf8("{nope"), null)).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("value");
        assertThat(problemOf(() -> put(app, "k", "text", utf8("v"), 0L)).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("ttlSeconds");
        assertThat(problemOf(() -> list(app, null, "!!not-a-cursor!!", 0)).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("cursor");
        assertThat(problemOf(() -> list(app, null, null, 1001)).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("limit");
        assertThat(problemOf(() -> get("../other", "k")).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("appId");

        assertThat(get(app, "k").found()).isFalse();
        assertThat(get(app, "big").found()).isFalse();
    }
}
