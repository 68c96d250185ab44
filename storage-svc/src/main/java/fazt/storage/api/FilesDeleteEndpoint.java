package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.FilesDeleteReply;
import fazt.proto.storage.FilesDeleteRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.files.AppFiles;
import jakarta.inject.Singleton;

/** {@code svc.storage.files.delete}: deletes one app file; an absent one is no error. */
@Singleton
final class FilesDeleteEndpoint implements RequestEndpoint {
    private final AppFiles useCase;

    FilesDeleteEndpoint(AppFiles useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.FILES_DELETE;
    }

    @Override
    public FilesDeleteReply handle(IncomingRequest request) {
        FilesDeleteRequest body = request.body(FilesDeleteRequest.class);
        return ProblemMapper.answer(() -> {
            return new FilesDeleteReply(useCase.delete(new AppId(body.appId()), body.path()));
        });
    }
}
