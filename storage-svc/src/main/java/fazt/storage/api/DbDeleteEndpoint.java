package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.DbCountReply;
import fazt.proto.storage.DbDeleteRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.documents.Documents;
import jakarta.inject.Singleton;

/** {@code svc.storage.db.delete}: deletes every matching document. */
@Singleton
final class DbDeleteEndpoint implements RequestEndpoint {
    private final Documents useCase;

    DbDeleteEndpoint(Documents useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.DB_DELETE;
    }

    @Override
    public DbCountReply handle(IncomingRequest request) {
        DbDeleteRequest body = request.body(DbDeleteRequest.class);
        return ProblemMapper.answer(() -> {
            return new DbCountReply(useCase.delete(new AppId(body.appId()), body.collection(), body.query()));
        });
    }
}
