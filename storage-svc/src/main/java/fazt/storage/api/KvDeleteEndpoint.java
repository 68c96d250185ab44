package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.KvDeleteReply;
import fazt.proto.storage.KvDeleteRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.kv.KeyValues;
import fazt.storage.messaging.KvChanges;
import jakarta.inject.Singleton;

/** {@code svc.storage.kv.delete}: deletes one entry; an absent one is no error. */
@Singleton
final class KvDeleteEndpoint implements RequestEndpoint {
    private final KeyValues useCase;
    private final KvChanges changes;

    KvDeleteEndpoint(KeyValues useCase, KvChanges changes) {
        this.useCase = useCase;
        this.changes = changes;
    }

    @Override
    public String subject() {
        return StorageSubjects.KV_DELETE;
    }

    @Override
    public KvDeleteReply handle(IncomingRequest request) {
        KvDeleteRequest body = request.body(KvDeleteRequest.class);
        KvDeleteReply reply = ProblemMapper.answer(() -> {
            return new KvDeleteReply(useCase.delete(new AppId(body.appId()), body.key()));
        });
        changes.changed(body.appId(), body.key());
        return reply;
    }
}
