package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.FilesStatReply;
import fazt.proto.storage.FilesStatRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.files.AppFile;
import fazt.storage.domain.files.AppFiles;
import jakarta.inject.Singleton;

/** {@code svc.storage.files.stat}: one app file, or found false. */
@Singleton
final class FilesStatEndpoint implements RequestEndpoint {
    private final AppFiles useCase;

    FilesStatEndpoint(AppFiles useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.FILES_STAT;
    }

    @Override
    public FilesStatReply handle(IncomingRequest request) {
        FilesStatRequest body = request.body(FilesStatRequest.class);
        return ProblemMapper.answer(() -> {
            AppFile file = useCase.stat(new AppId(body.appId()), body.path());
            return new FilesStatReply(file != null, file == null ? null : WireAppFiles.toWire(file));
        });
    }
}
