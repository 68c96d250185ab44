package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.KvPutReply;
import fazt.proto.storage.KvPutRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.kv.KeyValues;
import jakarta.inject.Singleton;

/** {@code svc.storage.kv.put}: stores one entry, with an optional TTL. */
@Singleton
final class KvPutEndpoint implements RequestEndpoint {
    private final KeyValues useCase;

    KvPutEndpoint(KeyValues useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.KV_PUT;
    }

    @Override
    public KvPutReply handle(IncomingRequest request) {
        KvPutRequest body = request.body(KvPutRequest.class);
        return ProblemMapper.answer(() -> {
            return new KvPutReply(
                    useCase.put(new AppId(body.appId()), body.key(), body.kind(), body.value(), body.ttlSeconds()));
        });
    }
}
