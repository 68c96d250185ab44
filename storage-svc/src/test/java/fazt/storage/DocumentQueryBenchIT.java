package fazt.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.storage.DbCountReply;
import fazt.proto.storage.DbCountRequest;
import fazt.proto.storage.DbFindReply;
import fazt.proto.storage.DbFindRequest;
import fazt.proto.storage.DbInsertReply;
import fazt.proto.storage.DbInsertRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.persistence.QueryPlans;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Measures finds and counts over 100k documents of one app (next to 20k of another) and prints each query's plan and
 * latency through NATS. Opt-in ({@code -Dfazt.bench=true}), since inserting takes a while. It asserts results and
 * that the GIN index serves equality, {@code $in} and {@code $contains}; it asserts no timing.
 */
class DocumentQueryBenchIT {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    static final ObjectMapper JSON = MessageCodec.INSTANCE.mapper();
    static final int DOCUMENTS = Integer.getInteger("fazt.bench.documents", 100_000);
    static final String APP = "a_bench";

    static JsonNode json(String text) throws Exception {
        return JSON.readTree(text.replace('\'', '"'));
    }

    @Test
    void findAndCountOnManyDocuments() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("fazt.bench"), "benchmark: run with -Dfazt.bench=true");
        long started = System.nanoTime();
        insert(APP, DOCUMENTS, 1);
        insert("a_neighbour", DOCUMENTS / 5, 2);
        System.out.printf(
                "inserted %d + %d documents in %d ms%n",
                DOCUMENTS, DOCUMENTS / 5, (System.nanoTime() - started) / 1_000_000);
        try (Connection c = suite.postgres().connect();
                var s = c.createStatement()) {
            s.execute("ANALYZE storage.document");
        }

        // A selective equality goes through the GIN index; a 1% one with a small limit in _id order may instead walk
        // the primary key until the page is full, which the planner judges cheaper: either plan is its choice.
        measureFind("{'name': 'user-4242'}", null, 100, true);
        measureFind("{'address.zip': '00042', 'active': true}", null, 100, true);
        measureFind("{'city': 'city-42'}", null, 100, false);
        // With a large limit in _id order the planner may walk the primary key instead: it is its choice.
        measureFind("{'city': {'$in': ['city-1', 'city-2', 'city-3']}}", null, 1000, false);
        measureFind("{'tags': {'$contains': 'tag-7'}}", null, 100, false);
        measureFind("{'city': 'city-42', 'score': {'$gte': 500}}", "{'score': -1}", 100, false);
        measureFind("{'score': {'$gt': 990}}", "{'score': 1}", 100, false);
        measureFind("{}", "{'score': -1}", 100, false);
        measureFind("{}", null, 100, false);
        measureCount("{'city': 'city-42'}", DOCUMENTS / 100, true);
        measureCount("{'city': {'$in': ['city-1', 'city-2', 'city-3']}}", 3L * DOCUMENTS / 100, true);
        measureCount("{'active': true}", DOCUMENTS / 2, false);
        measureCount("{'score': {'$gte': 500}, 'tags': {'$contains': 'tag-3'}}", -1, false);
        measureCount("{}", DOCUMENTS, false);
    }

    private static void insert(String app, int count, long seed) throws Exception {
        Random random = new Random(seed);
        for (int from = 0; from < count; from += 1000) {
            List<JsonNode> batch = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                ObjectNode d = JSON.createObjectNode();
                d.put("name", "user-" + i);
                d.put("city", "city-" + i % 100);
                d.put("score", random.nextInt(1000));
                d.put("active", i % 2 == 0);
                d.putArray("tags").add("tag-" + i % 10).add("tag-" + i % 13 + 10);
                d.putObject("address")
                        .put("zip", String.format("%05d", i % 9999))
                        .put("street", "street " + i);
                batch.add(d);
            }
            storage.request(StorageSubjects.DB_INSERT, new DbInsertRequest(app, "users", batch), DbInsertReply.class);
        }
    }

    private static void measureFind(String query, String sort, int limit, boolean usesGin) throws Exception {
        JsonNode q = json(query);
        JsonNode s = sort == null ? null : json(sort);
        long[] ms = new long[15];
        DbFindReply reply = null;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            reply = storage.request(
                    StorageSubjects.DB_FIND, new DbFindRequest(APP, "users", q, s, limit, null), DbFindReply.class);
            ms[i] = (System.nanoTime() - t) / 1000;
        }
        assertThat(reply.documents()).isNotEmpty();
        String plan;
        try (Connection c = suite.postgres().connect();
                var st = c.createStatement()) {
            st.execute("SET search_path TO storage");
            plan = QueryPlans.explainFind(c, APP, "users", q, s, limit + 1);
        }
        report(
                "find " + query + " sort " + sort + " limit " + limit + " -> "
                        + reply.documents().size(),
                ms,
                plan);
        if (usesGin) {
            assertThat(plan).contains("document_body_idx");
        }
    }

    private static void measureCount(String query, long expected, boolean usesGin) throws Exception {
        JsonNode q = json(query);
        long[] ms = new long[15];
        long count = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            count = storage.request(StorageSubjects.DB_COUNT, new DbCountRequest(APP, "users", q), DbCountReply.class)
                    .count();
            ms[i] = (System.nanoTime() - t) / 1000;
        }
        if (expected >= 0) {
            assertThat(count).isEqualTo(expected);
        }
        String plan;
        try (Connection c = suite.postgres().connect();
                var st = c.createStatement()) {
            st.execute("SET search_path TO storage");
            plan = QueryPlans.explainCount(c, APP, "users", q);
        }
        report("count " + query + " -> " + count, ms, plan);
        if (usesGin) {
            assertThat(plan).contains("document_body_idx");
        }
    }

    private static void report(String what, long[] micros, String plan) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "BENCH %s: p50 %.2f ms, max %.2f ms over %d requests through NATS%n%s%n%n",
                what, sorted[sorted.length / 2] / 1000.0, sorted[sorted.length - 1] / 1000.0, sorted.length, plan);
    }
}
