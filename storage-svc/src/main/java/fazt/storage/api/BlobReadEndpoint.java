package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RawReply;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.Digest;
import fazt.storage.domain.blob.BlobSlice;
import fazt.storage.domain.blob.ReadBlob;
import jakarta.inject.Singleton;
import java.util.Map;

/** {@code svc.storage.blob.read}: a range of a blob as raw bytes, with the blob's size in a header. */
@Singleton
final class BlobReadEndpoint implements RequestEndpoint {
    private final ReadBlob readBlob;

    BlobReadEndpoint(ReadBlob readBlob) {
        this.readBlob = readBlob;
    }

    @Override
    public String subject() {
        return StorageSubjects.BLOB_READ;
    }

    @Override
    public RawReply handle(IncomingRequest request) {
        BlobReadRequest body = request.body(BlobReadRequest.class);
        return ProblemMapper.answer(() -> {
            BlobSlice slice = readBlob.read(Digest.of("digest", body.digest()), body.offset(), body.length());
            return new RawReply(
                    slice.bytes(), Map.of(StorageSubjects.HEADER_BLOB_SIZE, Long.toString(slice.blobSize())));
        });
    }
}
