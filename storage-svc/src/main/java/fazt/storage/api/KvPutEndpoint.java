package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.kv.KeyValues;
import fazt.storage.messaging.KvChanges;
import jakarta.inject.Singleton;

/** {@code svc.storage.kv.put}: stores one entry, with an optional TTL, and tells the runtimes' caches (ADR 36). */
@Singleton
final class KvPutEndpoint implements RequestEndpoint {
    private final KeyValues useCase;
    private final KvChanges changes;

    KvPutEndpoint(KeyValues useCase, KvChanges changes) {
        this.useCase = useCase;
        this.changes = changes;
    }

    @Override
    public String subject() {
        return StorageSubjects.KV_PUT;
    }

    @Override
    public KvPutReply handle(IncomingRequest request) {
        KvPutRequest body = request.body(KvPutRequest.class);
        KvPutReply reply = ProblemMapper.answer(() -> {
            return new KvPutReply(
                    useCase.put(new AppId(body.appId()), body.key(), body.kind(), body.value(), body.ttlSeconds()));
        });
        changes.changed(body.appId(), body.key()); // committed: caches drop the key before the writer hears back
        return reply;
    }
}
