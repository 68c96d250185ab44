package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.FilesListReply;
import fazt.proto.storage.FilesListRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.files.AppFiles;
import jakarta.inject.Singleton;

/** {@code svc.storage.files.list}: one page of an app's files by prefix, in path order. */
@Singleton
final class FilesListEndpoint implements RequestEndpoint {
    private final AppFiles useCase;

    FilesListEndpoint(AppFiles useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.FILES_LIST;
    }

    @Override
    public FilesListReply handle(IncomingRequest request) {
        FilesListRequest body = request.body(FilesListRequest.class);
        return ProblemMapper.answer(() -> {
            AppFiles.Page page = useCase.list(new AppId(body.appId()), body.prefix(), body.cursor(), body.limit());
            return new FilesListReply(
                    page.files().stream().map(WireAppFiles::toWire).toList(), page.next());
        });
    }
}
