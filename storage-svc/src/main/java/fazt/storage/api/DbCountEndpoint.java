package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.DbCountReply;
import fazt.proto.storage.DbCountRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.documents.Documents;
import jakarta.inject.Singleton;

/** {@code svc.storage.db.count}: how many documents match a query. */
@Singleton
final class DbCountEndpoint implements RequestEndpoint {
    private final Documents useCase;

    DbCountEndpoint(Documents useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.DB_COUNT;
    }

    @Override
    public DbCountReply handle(IncomingRequest request) {
        DbCountRequest body = request.body(DbCountRequest.class);
        return ProblemMapper.answer(() -> {
            return new DbCountReply(useCase.count(new AppId(body.appId()), body.collection(), body.query()));
        });
    }
}
