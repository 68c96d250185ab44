package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.DbFindReply;
import fazt.proto.storage.DbFindRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.documents.Documents;
import jakarta.inject.Singleton;
import java.util.List;

/** {@code svc.storage.db.find}: one page of the documents matching a query, in sort order. */
@Singleton
final class DbFindEndpoint implements RequestEndpoint {
    private final Documents useCase;

    DbFindEndpoint(Documents useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.DB_FIND;
    }

    @Override
    public DbFindReply handle(IncomingRequest request) {
        DbFindRequest body = request.body(DbFindRequest.class);
        return ProblemMapper.answer(() -> {
            Documents.Page page = useCase.find(
                    new AppId(body.appId()), body.collection(), body.query(), body.sort(), body.limit(), body.cursor());
            return new DbFindReply(List.copyOf(page.documents()), page.cursor());
        });
    }
}
