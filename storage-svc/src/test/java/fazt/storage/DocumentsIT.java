package fazt.storage;

import static fazt.storage.StorageClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
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
import fazt.proto.storage.StorageSubjects;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** env.DB over NATS and PostgreSQL: every query operator, sorting and cursors, updates, deletes, counts and limits. */
class DocumentsIT {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    static final ObjectMapper JSON = MessageCodec.INSTANCE.mapper();
    /** The fixture app, filled once; tests that write use an app of their own. */
    static final String PEOPLE_APP = app();

    static String app() {
        return "a_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static List<String> insert(String app, String collection, String... documents) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String d : documents) {
            nodes.add(json(d));
        }
        return storage.request(
                        StorageSubjects.DB_INSERT, new DbInsertRequest(app, collection, nodes), DbInsertReply.class)
                .ids();
    }

    static DbFindReply find(String app, String collection, String query, String sort, int limit, String cursor)
            throws Exception {
        return storage.request(
                StorageSubjects.DB_FIND,
                new DbFindRequest(
                        app,
                        collection,
                        query == null ? null : json(query),
                        sort == null ? null : json(sort),
                        limit,
                        cursor),
                DbFindReply.class);
    }

    static List<String> names(String query) throws Exception {
        return find(PEOPLE_APP, "people", query, "{'name': 1}", 0, null).documents().stream()
                .map(d -> d.get("name").asText())
                .toList();
    }

    static long count(String app, String collection, String query) throws Exception {
        return storage.request(
                        StorageSubjects.DB_COUNT,
                        new DbCountRequest(app, collection, query == null ? null : json(query)),
                        DbCountReply.class)
                .count();
    }

    @BeforeAll
    static void people() throws Exception {
        insert(
                PEOPLE_APP,
                "people",
                "{'_id': 'ann', 'name': 'ann', 'age': 31, 'city': 'Oslo', 'tags': ['admin', 'dev'],"
                        + " 'address': {'zip': '0150', 'country': 'NO'}, 'bio': 'likes hiking and tea'}",
                "{'_id': 'bob', 'name': 'bob', 'age': 25, 'city': 'Bergen', 'tags': ['dev'],"
                        + " 'address': {'zip': '5003', 'country': 'NO'}, 'bio': null}",
                "{'_id': 'cid', 'name': 'cid', 'age': 40.5, 'city': 'Paris', 'tags': [],"
                        + " 'address': {'zip': '75001', 'country': 'FR'}}",
                "{'_id': 'dee', 'name': 'dee', 'age': '40', 'city': 'Oslo', 'tags': ['ops', 7], 'active': true}",
                "{'_id': 'eve', 'name': 'eve', 'city': 'Rome', 'tags': 'dev', 'active': false}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{}                                        | ann,bob,cid,dee,eve",
                "{'city': 'Oslo'}                          | ann,dee",
                "{'city': {'$eq': 'Oslo'}}                 | ann,dee",
                "{'age': 25}                               | bob",
                "{'age': 40.5}                             | cid",
                "{'address.country': 'NO'}                 | ann,bob",
                "{'address': {'zip': '0150', 'country': 'NO'}} | ann",
                "{'address': {'zip': '0150'}}              | \"\"",
                "{'tags': ['dev']}                         | bob",
                "{'tags.0': 'admin'}                       | ann",
                "{'bio': null}                             | bob,cid,dee,eve",
                "{'active': true}                          | dee",
                "{'city': {'$ne': 'Oslo'}}                 | bob,cid,eve",
                "{'active': {'$ne': true}}                 | ann,bob,cid,eve",
                "{'bio': {'$ne': null}}                    | ann",
                "{'age': {'$gt': 25}}                      | ann,cid",
                "{'age': {'$gte': 25}}                     | ann,bob,cid",
                "{'age': {'$lt': 31}}                      | bob",
                "{'age': {'$lte': 31}}                     | ann,bob",
                "{'age': {'$gt': 30, '$lt': 40}}           | ann",
                "{'age': {'$gte': '4'}}                    | dee",
                "{'name': {'$gt': 'bob', '$lte': 'dee'}}   | cid,dee",
                "{'city': {'$in': ['Paris', 'Rome', 'X']}} | cid,eve",
                "{'age': {'$in': [25, '40']}}              | bob,dee",
                "{'city': {'$in': []}}                     | \"\"",
                "{'city': {'$nin': ['Oslo', 'Rome']}}      | bob,cid",
                "{'bio': {'$in': [null]}}                  | bob,cid,dee,eve",
                "{'active': {'$exists': true}}             | dee,eve",
                "{'active': {'$exists': false}}            | ann,bob,cid",
                "{'address.zip': {'$exists': true}}        | ann,bob,cid",
                "{'tags': {'$contains': 'dev'}}            | ann,bob,eve",
                "{'tags': {'$contains': 7}}                | dee",
                "{'bio': {'$contains': 'hiking'}}          | ann",
                "{'city': {'$contains': 'o'}}              | ann,dee,eve",
                "{'$or': [{'city': 'Paris'}, {'age': 25}]} | bob,cid",
                "{'$and': [{'city': 'Oslo'}, {'tags': {'$contains': 'dev'}}]} | ann",
                "{'city': 'Oslo', '$or': [{'active': true}, {'age': {'$lt': 35}}]} | ann,dee",
                "{'_id': 'cid'}                            | cid",
                "{'_id': {'$in': ['ann', 'eve']}}          | ann,eve",
            })
    void everyOperatorSelectsExactlyTheMatchingDocuments(String query, String expected) throws Exception {
        List<String> want = expected == null || expected.isEmpty() ? List.of() : List.of(expected.split(","));
        assertThat(names(query)).as(query).containsExactlyElementsOf(want);
        assertThat(count(PEOPLE_APP, "people", query)).as("count " + query).isEqualTo(want.size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "{'age': {'$gt': [1]}}              | query.age.$gt",
                "{'age': {'$regex': 'x'}}           | query.age.$regex",
                "{'$where': 'true'}                 | query.$where",
                "{'age': {'$gt': 1, 'x': 2}}        | query.age",
                "{'a..b': 1}                        | query.a..b",
                "{'tags': {'$in': 'dev'}}           | query.tags.$in",
                "{'tags': {'$exists': 1}}           | query.tags.$exists",
                "{'tags': {'$contains': {'a': 1}}}  | query.tags.$contains",
                "{'$or': []}                        | query.$or",
                "{'$and': [1]}                      | query.$and[0]",
                "[1, 2]                             | query",
            })
    void aMalformedQueryIsA400NamingTheOperatorOrField(String query, String field) throws Exception {
        Problem problem = problemOf(() -> find(PEOPLE_APP, "people", query, null, 0, null));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("storage/invalid-query");
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly(field);
        assertThat(problemOf(() -> count(PEOPLE_APP, "people", query)).status()).isEqualTo(400);
    }

    @Test
    void valuesAreBindParametersNeverSql() throws Exception {
        var byValue = JSON.createObjectNode().put("city", "Oslo' OR '1'='1");
        var byField = JSON.createObjectNode().put("city') OR true --", "x");
        for (JsonNode query : List.of(byValue, byField)) {
            assertThat(storage.request(
                                    StorageSubjects.DB_FIND,
                                    new DbFindRequest(PEOPLE_APP, "people", query, null, 0, null),
                                    DbFindReply.class)
                            .documents())
                    .isEmpty();
        }
        assertThat(count(PEOPLE_APP, "people", null)).isEqualTo(5);
    }

    @Test
    void sortsByFieldsThenIdAndPagesWithCursorsInBothDirections() throws Exception {
        String app = app();
        List<String> docs = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            docs.add("{'_id': 'd" + (100 + i) + "', 'group': " + (i % 3) + ", 'n': " + (i * 7 % 23) + "}");
        }
        docs.add("{'_id': 'nogroup', 'n': 5}");
        insert(app, "items", docs.toArray(String[]::new));

        List<String> all = new ArrayList<>();
        String cursor = null;
        do {
            DbFindReply page = find(app, "items", null, "{'group': -1, 'n': 1}", 5, cursor);
            page.documents()
                    .forEach(d -> all.add(d.get("group") + "/" + d.get("n").asInt()));
            cursor = page.cursor();
        } while (cursor != null);
        List<String> expected = new ArrayList<>();
        for (int g = 2; g >= 0; g--) {
            List<Integer> ns = new ArrayList<>();
            for (int i = 0; i < 23; i++) {
                if (i % 3 == g) {
                    ns.add(i * 7 % 23);
                }
            }
            ns.sort(null);
            for (int n : ns) {
                expected.add(g + "/" + n);
            }
        }
        expected.add("null/5");
        assertThat(all).containsExactlyElementsOf(expected);

        // Default order is _id; a filter applies on every page.
        List<String> ids = new ArrayList<>();
        cursor = null;
        do {
            DbFindReply page = find(app, "items", "{'group': 1}", null, 3, cursor);
            page.documents().forEach(d -> ids.add(d.get("_id").asText()));
            cursor = page.cursor();
        } while (cursor != null);
        assertThat(ids).hasSize(8).isSorted();

        String wrongSort = find(app, "items", null, "{'n': 1}", 2, null).cursor();
        assertThat(problemOf(() -> find(app, "items", null, "{'n': -1}", 2, wrongSort))
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("cursor");
        assertThat(problemOf(() -> find(app, "items", null, "{'n': 2}", 2, null))
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("sort.n");
    }

    @Test
    void insertGeneratesSortableIdsKeepsGivenOnesAndRefusesTakenOnesWhole() throws Exception {
        String app = app();
        List<String> ids = insert(app, "c", "{'x': 1}", "{'x': 2}", "{'_id': 'mine', 'x': 3}");
        // Generated ids start with their millisecond, so they sort by creation time (within a millisecond: random).
        assertThat(ids.get(0)).hasSize(26).matches("[0-9A-HJKMNP-TV-Z]{26}");
        assertThat(ids.get(0).substring(0, 10)).isLessThanOrEqualTo(ids.get(1).substring(0, 10));
        assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
        assertThat(ids.get(2)).isEqualTo("mine");
        DbGetReply got =
                storage.request(StorageSubjects.DB_GET, new DbGetRequest(app, "c", ids.get(0)), DbGetReply.class);
        assertThat(got.found()).isTrue();
        assertThat(got.document()).isEqualTo(json("{'_id': '" + ids.get(0) + "', 'x': 1}"));
        assertThat(storage.request(StorageSubjects.DB_GET, new DbGetRequest(app, "c", "nope"), DbGetReply.class)
                        .found())
                .isFalse();

        Problem taken = problemOf(() -> insert(app, "c", "{'_id': 'new1'}", "{'_id': 'mine'}"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.detail()).contains("mine");
        assertThat(problemOf(() -> insert(app, "c", "{'_id': 'twin'}", "{'_id': 'twin'}"))
                        .status())
                .isEqualTo(409);
        assertThat(count(app, "c", null))
                .as("nothing of a refused batch was inserted")
                .isEqualTo(3);
    }

    @Test
    void documentsAndBatchesOverTheLimitsAndBadNamesAreRefused() throws Exception {
        String app = app();
        Problem big = problemOf(() -> insert(app, "c", "{'s': '" + "x".repeat(1_000_000) + "'}"));
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.errors()).extracting(Problem.FieldError::field).containsExactly("documents[0]");
        String[] batch = new String[1001];
        Arrays.fill(batch, "{}");
        assertThat(problemOf(() -> insert(app, "c", batch)).status()).isEqualTo(413);
        assertThat(problemOf(() -> insert(app, "bad name", "{}")).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("collection");
        assertThat(problemOf(() -> insert(app, "c", "[1]")).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("documents[0]");
        assertThat(problemOf(() -> insert(app, "c", "{'_id': 5}")).errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("documents[0]._id");
        assertThat(problemOf(() -> insert(app, "c", "{'s': 'nul \\u0000'}")).status())
                .isEqualTo(400);
        assertThat(count(app, "c", null)).isZero();
    }

    @Test
    void updateSetsUnsetsAndIncrementsMatchingDocumentsOnly() throws Exception {
        String app = app();
        insert(
                app,
                "c",
                "{'_id': 'a', 'n': 1, 'kind': 'x', 'old': true}",
                "{'_id': 'b', 'n': 1.5, 'kind': 'x'}",
                "{'_id': 'c', 'kind': 'y', 'n': 100}");
        long updated = update(
                app,
                "c",
                "{'kind': 'x'}",
                "{'$set': {'meta.by': 'me', 'kind': 'z'}, '$unset': {'old': 1}, '$inc': {'n': 2, 'hits': 1}}");
        assertThat(updated).isEqualTo(2);
        assertThat(get(app, "a")).isEqualTo(json("{'_id': 'a', 'n': 3, 'kind': 'z', 'meta': {'by': 'me'}, 'hits': 1}"));
        assertThat(get(app, "b").get("n").decimalValue()).isEqualByComparingTo("3.5");
        assertThat(get(app, "c")).isEqualTo(json("{'_id': 'c', 'kind': 'y', 'n': 100}"));
        assertThat(update(app, "c", "{'kind': 'none'}", "{'$set': {'x': 1}}")).isZero();
    }

    @Test
    void anUpdateThatCannotApplyIsRefusedAndChangesNothing() throws Exception {
        String app = app();
        insert(app, "c", "{'_id': 'a', 'n': 1}", "{'_id': 'b', 'n': 'text'}");
        Problem conflict = problemOf(() -> update(app, "c", "{}", "{'$inc': {'n': 1}}"));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errors()).extracting(Problem.FieldError::field).containsExactly("n");
        assertThat(get(app, "a").get("n").asInt()).as("all or nothing").isEqualTo(1);

        assertThat(problemOf(() -> update(app, "c", "{}", "{'$set': {'_id': 'x'}}"))
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("update.$set._id");
        assertThat(problemOf(() -> update(app, "c", "{}", "{'$inc': {'n': 'one'}}"))
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("update.$inc.n");
        assertThat(problemOf(() -> update(app, "c", "{}", "{'$push': {'n': 1}}"))
                        .errors())
                .extracting(Problem.FieldError::field)
                .containsExactly("update.$push");
        assertThat(problemOf(() -> update(app, "c", "{}", "{'$set': {'a': 1, 'a.b': 2}}"))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void concurrentIncrementsNeverLoseAnUpdate() throws Exception {
        String app = app();
        insert(app, "c", "{'_id': 'counter', 'n': 0}", "{'_id': 'other', 'n': 0}");
        int writers = 8;
        int each = 25;
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    for (int i = 0; i < each; i++) {
                        update(app, "c", "{}", "{'$inc': {'n': 1}}");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        assertThat(get(app, "counter").get("n").asInt()).isEqualTo(writers * each);
        assertThat(get(app, "other").get("n").asInt()).isEqualTo(writers * each);
    }

    @Test
    void deleteRemovesMatchingDocumentsOnly() throws Exception {
        String app = app();
        insert(app, "c", "{'k': 1}", "{'k': 2}", "{'k': 3}");
        insert(app, "d", "{'k': 1}");
        assertThat(storage.request(
                                StorageSubjects.DB_DELETE,
                                new DbDeleteRequest(app, "c", json("{'k': {'$lte': 2}}")),
                                DbCountReply.class)
                        .count())
                .isEqualTo(2);
        assertThat(count(app, "c", null)).isEqualTo(1);
        assertThat(count(app, "d", null)).as("another collection").isEqualTo(1);
    }

    static long update(String app, String collection, String query, String update) throws Exception {
        return storage.request(
                        StorageSubjects.DB_UPDATE,
                        new DbUpdateRequest(app, collection, json(query), json(update)),
                        DbCountReply.class)
                .count();
    }

    static JsonNode get(String app, String id) throws Exception {
        return storage.request(StorageSubjects.DB_GET, new DbGetRequest(app, "c", id), DbGetReply.class)
                .document();
    }
}
