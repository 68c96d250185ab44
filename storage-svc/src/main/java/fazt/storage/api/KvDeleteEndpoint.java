package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.KvDeleteReply;
import fazt.proto.storage.KvDeleteRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.kv.KeyValues;
import jakarta.inject.Singleton;

/** {@code svc.storage.kv.delete}: deletes one entry; an absent one is no error. */
@Singleton
final class KvDeleteEndpoint implements RequestEndpoint {
    private final KeyValues useCase;

    KvDeleteEndpoint(KeyValues useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.KV_DELETE;
    }

    @Override
    public KvDeleteReply handle(IncomingRequest request) {
        KvDeleteRequest body = request.body(KvDeleteRequest.class);
        return ProblemMapper.answer(() -> {
            return new KvDeleteReply(useCase.delete(new AppId(body.appId()), body.key()));
        });
    }
}
