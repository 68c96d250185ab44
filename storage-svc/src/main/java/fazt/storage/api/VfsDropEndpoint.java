package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsDropReply;
import fazt.proto.storage.VfsDropRequest;
import fazt.storage.domain.vfs.DropNamespace;
import fazt.storage.domain.vfs.Dropped;
import fazt.storage.domain.vfs.Namespace;
import jakarta.inject.Singleton;

/** {@code svc.storage.vfs.drop}: removes a namespace and collects the blobs only it referenced. */
@Singleton
final class VfsDropEndpoint implements RequestEndpoint {
    private final DropNamespace dropNamespace;

    VfsDropEndpoint(DropNamespace dropNamespace) {
        this.dropNamespace = dropNamespace;
    }

    @Override
    public String subject() {
        return StorageSubjects.VFS_DROP;
    }

    @Override
    public VfsDropReply handle(IncomingRequest request) {
        VfsDropRequest body = request.body(VfsDropRequest.class);
        return ProblemMapper.answer(() -> {
            Dropped dropped = dropNamespace.drop(new Namespace(body.namespace()));
            return new VfsDropReply(dropped.namespace().value(), dropped.files(), dropped.blobsCollected());
        });
    }
}
