package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsStatReply;
import fazt.proto.storage.VfsStatRequest;
import fazt.storage.domain.vfs.Namespace;
import fazt.storage.domain.vfs.StatPaths;
import fazt.storage.domain.vfs.VfsPath;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** {@code svc.storage.vfs.stat}: which of a few candidate paths exist in a namespace. */
@Singleton
final class VfsStatEndpoint implements RequestEndpoint {
    private final StatPaths statPaths;

    VfsStatEndpoint(StatPaths statPaths) {
        this.statPaths = statPaths;
    }

    @Override
    public String subject() {
        return StorageSubjects.VFS_STAT;
    }

    @Override
    public VfsStatReply handle(IncomingRequest request) {
        VfsStatRequest body = request.body(VfsStatRequest.class);
        return ProblemMapper.answer(() -> {
            Namespace namespace = new Namespace(body.namespace());
            List<String> asked = body.paths() == null ? List.of() : body.paths();
            List<VfsPath> paths = new ArrayList<>(asked.size());
            for (int i = 0; i < asked.size(); i++) {
                paths.add(VfsPath.of("paths[" + i + "]", asked.get(i)));
            }
            return new VfsStatReply(statPaths.stat(namespace, paths).stream()
                    .map(WireFiles::toWire)
                    .toList());
        });
    }
}
