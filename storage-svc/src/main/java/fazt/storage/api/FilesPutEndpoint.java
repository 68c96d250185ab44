package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.FileInfo;
import fazt.proto.storage.FilesPutRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.AppId;
import fazt.storage.domain.files.AppFiles;
import jakarta.inject.Singleton;

/** {@code svc.storage.files.put}: points an app file at a blob uploaded before. */
@Singleton
final class FilesPutEndpoint implements RequestEndpoint {
    private final AppFiles useCase;

    FilesPutEndpoint(AppFiles useCase) {
        this.useCase = useCase;
    }

    @Override
    public String subject() {
        return StorageSubjects.FILES_PUT;
    }

    @Override
    public FileInfo handle(IncomingRequest request) {
        FilesPutRequest body = request.body(FilesPutRequest.class);
        return ProblemMapper.answer(() -> {
            return WireAppFiles.toWire(
                    useCase.put(new AppId(body.appId()), body.path(), body.digest(), body.size(), body.contentType()));
        });
    }
}
