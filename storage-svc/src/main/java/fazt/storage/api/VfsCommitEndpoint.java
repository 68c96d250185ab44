package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsCommitReply;
import fazt.proto.storage.VfsCommitRequest;
import fazt.proto.storage.VfsFile;
import fazt.storage.domain.Digest;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.vfs.CommitNamespace;
import fazt.storage.domain.vfs.Committed;
import fazt.storage.domain.vfs.FileEntry;
import fazt.storage.domain.vfs.Namespace;
import fazt.storage.domain.vfs.VfsPath;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** {@code svc.storage.vfs.commit}: creates an immutable namespace from stored blobs. */
@Singleton
final class VfsCommitEndpoint implements RequestEndpoint {
    private final CommitNamespace commitNamespace;

    VfsCommitEndpoint(CommitNamespace commitNamespace) {
        this.commitNamespace = commitNamespace;
    }

    @Override
    public String subject() {
        return StorageSubjects.VFS_COMMIT;
    }

    @Override
    public VfsCommitReply handle(IncomingRequest request) {
        VfsCommitRequest body = request.body(VfsCommitRequest.class);
        return ProblemMapper.answer(() -> {
            Namespace namespace = new Namespace(body.namespace());
            if (body.files() == null) {
                throw new StorageException.InvalidInput("files", "is missing");
            }
            List<FileEntry> files = new ArrayList<>(body.files().size());
            for (int i = 0; i < body.files().size(); i++) {
                VfsFile file = body.files().get(i);
                if (file == null) {
                    throw new StorageException.InvalidInput("files[" + i + "]", "is missing");
                }
                files.add(new FileEntry(
                        VfsPath.of("files[" + i + "].path", file.path()),
                        Digest.of("files[" + i + "].digest", file.digest()),
                        file.size()));
            }
            Committed committed = commitNamespace.commit(namespace, files);
            return new VfsCommitReply(committed.namespace().value(), committed.files(), committed.bytes());
        });
    }
}
