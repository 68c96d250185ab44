package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.KvGetRequest;
import fazt.proto.storage.KvValue;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.kv.Entry;
import fazt.storage.domain.kv.KeyValues;
import jakarta.inject.Singleton;

/** {@code svc.storage.kv.get}: one live entry of the app's KV store. */
@Singleton
final class KvGetEndpoint implements RequestEndpoint {
    private final KeyValues useCase;

    KvGetEndpoint(KeyValues useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.KV_GET;
    }

    @Override
    public KvValue handle(IncomingRequest request) {
        KvGetRequest body = request.body(KvGetRequest.class);
        return ProblemMapper.answer(() -> {
            Entry entry = useCase.get(new AppId(body.appId()), body.key());
            return entry == null
                    ? KvValue.absent()
                    : new KvValue(true, entry.kind().token(), entry.value(), entry.expiresAt());
        });
    }
}
