package fazt.runtime.bindings;

import static fazt.runtime.bindings.BindingArgs.invalid;
import static fazt.runtime.bindings.BindingArgs.optionalText;
import static fazt.runtime.bindings.BindingArgs.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
import fazt.proto.storage.KvDeleteReply;
import fazt.proto.storage.KvDeleteRequest;
import fazt.proto.storage.KvGetRequest;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.KvValue;
import fazt.proto.storage.StorageSubjects;
import fazt.runtime.limits.HostLedger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * {@code env.KV.get}, {@code put} and {@code delete}: asynchronous requests to storage-svc that take no thread while
 * they wait, with reads through this instance's {@link KvReadCache} (ADR 36). {@code env.KV.list} goes the plain way,
 * through {@link StorageBindings}.
 */
final class KvBindings {
    private final NatsRequester nats;
    private final KvReadCache cache;
    private final Duration timeout;

    KvBindings(NatsRequester nats, KvReadCache cache, Duration timeout) {
        this.nats = nats;
        this.cache = cache;
        this.timeout = timeout;
    }

    /**
     * {@code env.KV.get}, through the read cache: a kept answer completes at once on the calling (context) thread,
     * a miss is one asynchronous request, no thread of its own.
     */
    CompletableFuture<BindingReply> get(String appId, JsonNode args, HostLedger.Lease lease) {
        String key;
        String wanted;
        try {
            key = text(args, "key");
            wanted = optionalText(args, "type");
        } catch (ProblemException e) {
            return CompletableFuture.failedFuture(e);
        }
        return cache.get(
                        appId,
                        key,
                        () -> nats.request(
                                StorageSubjects.KV_GET, new KvGetRequest(appId, key), KvValue.class, timeout))
                .handle((value, failure) -> {
                    if (failure != null) {
                        throw NatsRequester.failureOf(StorageSubjects.KV_GET, timeout, failure);
                    }
                    BindingReply reply = reply(value, wanted);
                    lease.charge(reply.size(), "env.KV.get");
                    return reply;
                });
    }

    /**
     * {@code env.KV.put} ({@code op} {@code kv.put}) and {@code delete} ({@code kv.delete}): one asynchronous request;
     * when it returns (committed, or failed and perhaps committed), this instance's cached value of the key is gone,
     * so its next read sees the write.
     */
    CompletableFuture<BindingReply> write(
            String appId, String op, JsonNode args, byte[] bytes, HostLedger.Lease lease) {
        String key;
        CompletableFuture<?> sent;
        String subject = op.equals("kv.put") ? StorageSubjects.KV_PUT : StorageSubjects.KV_DELETE;
        try {
            key = text(args, "key");
            sent = op.equals("kv.put")
                    ? nats.request(subject, putRequest(appId, key, args, bytes), KvPutReply.class, timeout)
                    : nats.request(subject, new KvDeleteRequest(appId, key), KvDeleteReply.class, timeout);
        } catch (ProblemException e) {
            return CompletableFuture.failedFuture(e);
        }
        return sent.handle((reply, failure) -> {
            cache.wrote(appId, key);
            if (failure != null) {
                throw NatsRequester.failureOf(subject, timeout, failure);
            }
            BindingReply answer = StorageBindings.json(reply);
            lease.charge(answer.size(), op);
            return answer;
        });
    }

    private static BindingReply reply(KvValue value, String wanted) {
        ObjectNode meta = MessageCodec.INSTANCE.mapper().createObjectNode().put("found", value.found());
        if (!value.found()) {
            return new BindingReply(meta.toString(), null);
        }
        meta.put("kind", value.kind());
        boolean asBytes = "arrayBuffer".equals(wanted) || (wanted == null && "bytes".equals(value.kind()));
        if (asBytes) {
            return new BindingReply(meta.toString(), value.value());
        }
        meta.put("text", new String(value.value(), StandardCharsets.UTF_8));
        return new BindingReply(meta.toString(), null);
    }

    private static KvPutRequest putRequest(String appId, String key, JsonNode args, byte[] bytes) {
        String kind = text(args, "kind");
        byte[] value =
                switch (kind) {
                    case "text", "json" -> text(args, "text").getBytes(StandardCharsets.UTF_8);
                    case "bytes" -> bytes == null ? new byte[0] : bytes;
                    default -> throw invalid("unknown value kind " + kind);
                };
        Long ttl = args.path("ttl").isNumber() ? args.path("ttl").asLong() : null;
        return new KvPutRequest(appId, key, kind, value, ttl);
    }
}
