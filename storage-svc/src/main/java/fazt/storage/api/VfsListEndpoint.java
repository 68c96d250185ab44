package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsListReply;
import fazt.proto.storage.VfsListRequest;
import fazt.storage.domain.vfs.FilePage;
import fazt.storage.domain.vfs.ListFiles;
import fazt.storage.domain.vfs.Namespace;
import fazt.storage.domain.vfs.VfsPath;
import jakarta.inject.Singleton;

/** {@code svc.storage.vfs.list}: one page of a namespace's files in path order. */
@Singleton
final class VfsListEndpoint implements RequestEndpoint {
    private final ListFiles listFiles;

    VfsListEndpoint(ListFiles listFiles) {
        this.listFiles = listFiles;
    }

    @Override
    public String subject() {
        return StorageSubjects.VFS_LIST;
    }

    @Override
    public VfsListReply handle(IncomingRequest request) {
        VfsListRequest body = request.body(VfsListRequest.class);
        return ProblemMapper.answer(() -> {
            Namespace namespace = new Namespace(body.namespace());
            VfsPath after = body.after() == null ? null : VfsPath.of("after", body.after());
            FilePage page = listFiles.page(namespace, after, body.limit());
            return new VfsListReply(
                    page.files().stream().map(WireFiles::toWire).toList(),
                    page.next() == null ? null : page.next().value());
        });
    }
}
