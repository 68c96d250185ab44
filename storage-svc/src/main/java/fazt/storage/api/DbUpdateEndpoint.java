package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.DbCountReply;
import fazt.proto.storage.DbUpdateRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.documents.Documents;
import jakarta.inject.Singleton;

/** {@code svc.storage.db.update}: applies $set, $unset and $inc to every matching document. */
@Singleton
final class DbUpdateEndpoint implements RequestEndpoint {
    private final Documents useCase;

    DbUpdateEndpoint(Documents useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.DB_UPDATE;
    }

    @Override
    public DbCountReply handle(IncomingRequest request) {
        DbUpdateRequest body = request.body(DbUpdateRequest.class);
        return ProblemMapper.answer(() -> {
            return new DbCountReply(
                    useCase.update(new AppId(body.appId()), body.collection(), body.query(), body.update()));
        });
    }
}
