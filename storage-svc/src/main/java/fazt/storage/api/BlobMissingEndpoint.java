package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.BlobsMissingReply;
import fazt.proto.storage.BlobsMissingRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.Digest;
import fazt.storage.domain.blob.FindMissingBlobs;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/** {@code svc.storage.blob.missing}: which blobs a writer still has to upload. */
@Singleton
final class BlobMissingEndpoint implements RequestEndpoint {
    private final FindMissingBlobs findMissing;

    BlobMissingEndpoint(FindMissingBlobs findMissing) {
        this.findMissing = findMissing;
    }

    @Override
    public String subject() {
        return StorageSubjects.BLOB_MISSING;
    }

    @Override
    public BlobsMissingReply handle(IncomingRequest request) {
        BlobsMissingRequest body = request.body(BlobsMissingRequest.class);
        return ProblemMapper.answer(() -> {
            List<String> asked = body.digests() == null ? List.of() : body.digests();
            List<Digest> digests = new ArrayList<>(asked.size());
            for (int i = 0; i < asked.size(); i++) {
                digests.add(Digest.of("digests[" + i + "]", asked.get(i)));
            }
            return new BlobsMissingReply(
                    findMissing.missing(digests).stream().map(Digest::hex).toList());
        });
    }
}
