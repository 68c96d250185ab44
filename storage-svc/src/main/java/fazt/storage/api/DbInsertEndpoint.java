package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.DbInsertReply;
import fazt.proto.storage.DbInsertRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.documents.Documents;
import jakarta.inject.Singleton;

/** {@code svc.storage.db.insert}: inserts JSON documents into a collection, all or nothing. */
@Singleton
final class DbInsertEndpoint implements RequestEndpoint {
    private final Documents useCase;

    DbInsertEndpoint(Documents useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.DB_INSERT;
    }

    @Override
    public DbInsertReply handle(IncomingRequest request) {
        DbInsertRequest body = request.body(DbInsertRequest.class);
        return ProblemMapper.answer(() -> {
            return new DbInsertReply(useCase.insert(new AppId(body.appId()), body.collection(), body.documents()));
        });
    }
}
