package fazt.storage.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.DbGetReply;
import fazt.proto.storage.DbGetRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.documents.Documents;
import jakarta.inject.Singleton;

/** {@code svc.storage.db.get}: one document by {@code _id}. */
@Singleton
final class DbGetEndpoint implements RequestEndpoint {
    private final Documents useCase;

    DbGetEndpoint(Documents useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.DB_GET;
    }

    @Override
    public DbGetReply handle(IncomingRequest request) {
        DbGetRequest body = request.body(DbGetRequest.class);
        return ProblemMapper.answer(() -> {
            ObjectNode document = useCase.get(new AppId(body.appId()), body.collection(), body.id());
            return new DbGetReply(document != null, document);
        });
    }
}
