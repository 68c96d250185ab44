package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.KvKey;
import fazt.proto.storage.KvListReply;
import fazt.proto.storage.KvListRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.PageCursor;
import fazt.storage.domain.kv.KeyPage;
import fazt.storage.domain.kv.KeyValues;
import jakarta.inject.Singleton;

/** {@code svc.storage.kv.list}: one page of live keys by prefix, in key order. */
@Singleton
final class KvListEndpoint implements RequestEndpoint {
    private final KeyValues useCase;

    KvListEndpoint(KeyValues useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.KV_LIST;
    }

    @Override
    public KvListReply handle(IncomingRequest request) {
        KvListRequest body = request.body(KvListRequest.class);
        return ProblemMapper.answer(() -> {
            KeyPage page = useCase.list(new AppId(body.appId()), body.prefix(), body.cursor(), body.limit());
            return new KvListReply(
                    page.keys().stream()
                            .map(k -> new KvKey(k.name().value(), k.expiresAt()))
                            .toList(),
                    page.next() == null ? null : PageCursor.encode(page.next().value()),
                    page.next() == null);
        });
    }
}
