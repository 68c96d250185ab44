package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.service.testing.TestSuite;
import fazt.platform.test.standins.StorageStandIn;
import fazt.proto.MessageCodec;
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
import fazt.proto.storage.FilesPutRequest;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.StorageSubjects;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The JavaScript surface of env.KV, env.DB and env.FILES and the exact requests they send to storage-svc (answered
 * here by the {@link StorageStandIn} over real NATS), including that the app id always comes from the platform. The
 * stand-in does not evaluate document queries, so this class scripts the {@code db.*} answers: ids {@code d1, d2, …}
 * per collection, every document for a find (with cursor {@code next-page}), the collection's size for update and
 * count.
 */
class BindingsIT {
    static final TestSuite suite = RuntimeHarness.suite();

    @RegisterExtension
    static final RuntimeHarness runtime = new RuntimeHarness(suite);

    static StorageStandIn storage;
    private static final Map<String, List<JsonNode>> collections = new ConcurrentHashMap<>();

    @BeforeAll
    static void scriptDocuments() {
        storage = runtime.storage();
        storage.answer(StorageSubjects.DB_INSERT, DbInsertRequest.class, r -> {
            List<String> ids = new ArrayList<>();
            for (JsonNode doc : r.documents()) {
                String id = "d" + (collection(r.appId(), r.collection()).size() + 1);
                ((ObjectNode) doc).put("_id", id);
                collection(r.appId(), r.collection()).add(doc);
                ids.add(id);
            }
            return new DbInsertReply(ids);
        });
        storage.answer(StorageSubjects.DB_GET, DbGetRequest.class, r -> collection(r.appId(), r.collection()).stream()
                .filter(doc -> doc.path("_id").asText().equals(r.id()))
                .findFirst()
                .map(doc -> new DbGetReply(true, doc))
                .orElse(new DbGetReply(false, null)));
        storage.answer(
                StorageSubjects.DB_FIND,
                DbFindRequest.class,
                r -> new DbFindReply(List.copyOf(collection(r.appId(), r.collection())), "next-page"));
        storage.answer(
                StorageSubjects.DB_UPDATE,
                DbUpdateRequest.class,
                r -> new DbCountReply(collection(r.appId(), r.collection()).size()));
        storage.answer(StorageSubjects.DB_DELETE, DbDeleteRequest.class, r -> new DbCountReply(0));
        storage.answer(
                StorageSubjects.DB_COUNT,
                DbCountRequest.class,
                r -> new DbCountReply(collection(r.appId(), r.collection()).size()));
    }

    private static List<JsonNode> collection(String appId, String name) {
        return collections.computeIfAbsent(appId + "/" + name, k -> new CopyOnWriteArrayList<>());
    }

    private static String run(String appId, String handlerBody) throws Exception {
        runtime.env(appId, Map.of("TOKEN", "t0k"));
        RuntimeHarness.App app = runtime.deploy(
                appId, "api/main.js", "export default { async fetch(request, env) {\n" + handlerBody + "\n} };");
        return runtime.invoke(app, "GET", "/api/", null).body();
    }

    @Test
    void kvRoundTripsEachKindAndCountsLikeTheDocsSay() throws Exception {
        long before = Instant.now().getEpochSecond();
        String body = run("kv-app", """
                const first = (await env.KV.get('hits') ?? 0) + 1;
                await env.KV.put('hits', first);
                const second = (await env.KV.get('hits') ?? 0) + 1;
                await env.KV.put('name', 'Ada', { ttl: 60 });
                await env.KV.put('obj', { a: [1, true] });
                await env.KV.put('raw', new Uint8Array([1, 2, 250]));
                const raw = new Uint8Array(await env.KV.get('raw'));
                const rawAsType = new Uint8Array(await env.KV.get('raw', { type: 'arrayBuffer' }));
                const list = await env.KV.list({ prefix: 'n' });
                const deleted = await env.KV.delete('name');
                let error;
                try { await env.KV.put('bad\\0key', 'x'); } catch (e) { error = e.message; }
                let typeError;
                try { await env.KV.get('hits', { type: 'stream' }); } catch (e) { typeError = e.name; }
                return Response.json({ first, second, name: await env.KV.get('name'), obj: await env.KV.get('obj'),
                  objText: await env.KV.get('obj', 'text'), raw: Array.from(raw), rawAsType: Array.from(rawAsType),
                  list, deleted, missing: await env.KV.get('nope'), error, typeError, token: env.TOKEN });
                """);
        JsonNode result = MessageCodec.INSTANCE.mapper().readTree(body);
        assertThat(result.path("first").asInt()).isEqualTo(1);
        assertThat(result.path("second").asInt()).isEqualTo(2);
        assertThat(result.path("name").isNull()).isTrue();
        assertThat(result.path("obj").toString()).isEqualTo("{\"a\":[1,true]}");
        assertThat(result.path("objText").asText()).isEqualTo("{\"a\":[1,true]}");
        assertThat(result.path("raw").toString()).isEqualTo("[1,2,250]");
        assertThat(result.path("rawAsType").toString()).isEqualTo("[1,2,250]");
        long after = Instant.now().getEpochSecond();
        assertThat(result.path("list").path("list_complete").asBoolean()).isTrue();
        assertThat(result.path("list").path("keys")).singleElement().satisfies(key -> {
            assertThat(key.path("name").asText()).isEqualTo("name");
            assertThat(key.path("expiration").asLong()).isBetween(before + 60, after + 60);
        });
        assertThat(result.path("deleted").asBoolean()).isTrue();
        assertThat(result.path("missing").isNull()).isTrue();
        assertThat(result.path("error").asText()).isEqualTo("key must not contain a NUL character.");
        assertThat(result.path("typeError").asText()).isEqualTo("TypeError");
        assertThat(result.path("token").asText()).isEqualTo("t0k");

        assertThat(storage.requests())
                .filteredOn(KvPutRequest.class::isInstance)
                .map(KvPutRequest.class::cast)
                .allSatisfy(put -> assertThat(put.appId()).isEqualTo("kv-app"))
                .anySatisfy(put -> {
                    assertThat(put.key()).isEqualTo("hits");
                    assertThat(put.kind()).isEqualTo("json");
                    assertThat(new String(put.value(), StandardCharsets.UTF_8)).isEqualTo("1");
                })
                .anySatisfy(put -> {
                    assertThat(put.key()).isEqualTo("name");
                    assertThat(put.kind()).isEqualTo("text");
                    assertThat(put.ttlSeconds()).isEqualTo(60L);
                })
                .anySatisfy(put -> {
                    assertThat(put.key()).isEqualTo("raw");
                    assertThat(put.kind()).isEqualTo("bytes");
                    assertThat(put.value()).containsExactly(1, 2, (byte) 250);
                });
        assertThat(storage.requests())
                .filteredOn(KvListRequest.class::isInstance)
                .containsExactly(new KvListRequest("kv-app", "n", null, 0));
    }

    @Test
    void appCannotChooseTheAppIdOfItsRequests() throws Exception {
        run("honest-app", """
                await env.KV.put('x', 'mine');
                return new Response('ok');
                """);
        String body = run("sneaky-app", """
                const value = await env.KV.get('x');
                await env.KV.put('x', 'stolen', { appId: 'honest-app' });
                return new Response(String(value));
                """);
        assertThat(body).isEqualTo("null");
        assertThat(storage.requests())
                .filteredOn(KvPutRequest.class::isInstance)
                .map(KvPutRequest.class::cast)
                .filteredOn(
                        put -> put.value() != null && new String(put.value(), StandardCharsets.UTF_8).equals("stolen"))
                .singleElement()
                .satisfies(put -> assertThat(put.appId()).isEqualTo("sneaky-app"));
    }

    @Test
    void dbCollectionsSendQueriesAndUpdatesAsGiven() throws Exception {
        String body = run("db-app", """
                const todos = env.DB.collection('todos');
                const id = await todos.insert({ title: 'a', done: false });
                const ids = await env.DB.insert('todos', [{ title: 'b' }, { title: 'c' }]);
                const page = await todos.find({ done: { $ne: true } }, { sort: { title: -1 }, limit: 2 });
                const updated = await todos.update({ title: 'a' }, { $set: { done: true }, $inc: { n: 1 } });
                const one = await todos.get(id);
                const none = await todos.get('missing');
                return Response.json({ id, ids, titles: page.documents.map((d) => d.title), cursor: page.cursor,
                  updated, one: one.title, none, count: await todos.count() });
                """);
        JsonNode result = MessageCodec.INSTANCE.mapper().readTree(body);
        assertThat(result.path("id").asText()).isEqualTo("d1");
        assertThat(result.path("ids").toString()).isEqualTo("[\"d2\",\"d3\"]");
        assertThat(result.path("titles").toString()).isEqualTo("[\"a\",\"b\",\"c\"]");
        assertThat(result.path("cursor").asText()).isEqualTo("next-page");
        assertThat(result.path("updated").asInt()).isEqualTo(3);
        assertThat(result.path("one").asText()).isEqualTo("a");
        assertThat(result.path("none").isNull()).isTrue();
        assertThat(result.path("count").asInt()).isEqualTo(3);
        assertThat(storage.requests())
                .filteredOn(DbFindRequest.class::isInstance)
                .map(DbFindRequest.class::cast)
                .singleElement()
                .satisfies(find -> {
                    assertThat(find.appId()).isEqualTo("db-app");
                    assertThat(find.collection()).isEqualTo("todos");
                    assertThat(find.query().toString()).isEqualTo("{\"done\":{\"$ne\":true}}");
                    assertThat(find.sort().toString()).isEqualTo("{\"title\":-1}");
                    assertThat(find.limit()).isEqualTo(2);
                });
        assertThat(storage.requests())
                .filteredOn(DbUpdateRequest.class::isInstance)
                .map(DbUpdateRequest.class::cast)
                .singleElement()
                .satisfies(update -> assertThat(update.update().toString())
                        .isEqualTo("{\"$set\":{\"done\":true},\"$inc\":{\"n\":1}}"));
        assertThat(storage.requests())
                .filteredOn(DbInsertRequest.class::isInstance)
                .hasSize(2);
    }

    @Test
    void filesPutGetListDeleteThroughTheBlobProtocol() throws Exception {
        String body = run("files-app", """
                const big = 'x'.repeat(600 * 1024) + 'end';
                const put = await env.FILES.put('docs/big.txt', big, { contentType: 'text/plain' });
                await env.FILES.put('docs/blob.bin', new Blob([new Uint8Array([9, 8, 7])]));
                const file = await env.FILES.get('docs/big.txt');
                const text = await file.text();
                const list = await env.FILES.list({ prefix: 'docs/' });
                const deleted = await env.FILES.delete('docs/blob.bin');
                return Response.json({ size: put.size, type: file.headers.get('content-type'), length: text.length,
                  tail: text.slice(-3), fileSize: file.size, paths: list.files.map((f) => f.path).sort(), deleted,
                  missing: await env.FILES.get('nope') });
                """);
        JsonNode result = MessageCodec.INSTANCE.mapper().readTree(body);
        assertThat(result.path("size").asInt()).isEqualTo(600 * 1024 + 3);
        assertThat(result.path("type").asText()).isEqualTo("text/plain");
        assertThat(result.path("length").asInt()).isEqualTo(600 * 1024 + 3);
        assertThat(result.path("tail").asText()).isEqualTo("end");
        assertThat(result.path("fileSize").asInt()).isEqualTo(600 * 1024 + 3);
        assertThat(result.path("paths").toString()).isEqualTo("[\"docs/big.txt\",\"docs/blob.bin\"]");
        assertThat(result.path("deleted").asBoolean()).isTrue();
        assertThat(result.path("missing").isNull()).isTrue();
        assertThat(storage.requests())
                .filteredOn(FilesPutRequest.class::isInstance)
                .map(FilesPutRequest.class::cast)
                .anySatisfy(put -> {
                    assertThat(put.appId()).isEqualTo("files-app");
                    assertThat(put.path()).isEqualTo("docs/big.txt");
                    assertThat(put.size()).isEqualTo(600 * 1024 + 3);
                    assertThat(put.digest()).hasSize(64);
                });
    }
}
