package fazt.storage.api;

import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import fazt.storage.domain.StorageException;
import fazt.storage.domain.blob.Chunk;
import fazt.storage.domain.blob.UploadId;
import fazt.storage.domain.blob.UploadProgress;
import fazt.storage.domain.blob.WriteBlob;
import jakarta.inject.Singleton;

/** {@code svc.storage.blob.write}: one raw chunk of an upload, described by its headers. */
@Singleton
final class BlobWriteEndpoint implements RequestEndpoint {
    private final WriteBlob writeBlob;

    BlobWriteEndpoint(WriteBlob writeBlob) {
        this.writeBlob = writeBlob;
    }

    @Override
    public String subject() {
        return StorageSubjects.BLOB_WRITE;
    }

    @Override
    public BlobWritten handle(IncomingRequest request) {
        return ProblemMapper.answer(() -> {
            UploadId upload =
                    UploadId.of(StorageSubjects.HEADER_UPLOAD_ID, request.header(StorageSubjects.HEADER_UPLOAD_ID));
            long offset = offset(request.header(StorageSubjects.HEADER_OFFSET));
            boolean last = last(request.header(StorageSubjects.HEADER_LAST));
            byte[] data = request.data() == null ? new byte[0] : request.data();
            UploadProgress progress = writeBlob.write(new Chunk(upload, offset, last, data));
            return new BlobWritten(
                    progress.upload().value(),
                    progress.received(),
                    progress.digest() == null ? null : progress.digest().hex(),
                    progress.size(),
                    progress.deduplicated());
        });
    }

    private static long offset(String value) {
        if (value == null) {
            throw new StorageException.InvalidInput(StorageSubjects.HEADER_OFFSET, "is missing");
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new StorageException.InvalidInput(
                    StorageSubjects.HEADER_OFFSET, "must be a byte offset, got " + StorageException.shown(value));
        }
    }

    private static boolean last(String value) {
        if (value == null || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new StorageException.InvalidInput(
                StorageSubjects.HEADER_LAST, "must be true or false, got " + StorageException.shown(value));
    }
}
