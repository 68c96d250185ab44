package fazt.storage.api;

import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.storage.domain.StorageException;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one mapping of storage failures to problems. The switch is exhaustive over the sealed family, so a new kind
 * of failure does not compile until it has a status, a type and a title here.
 */
final class ProblemMapper {
    private ProblemMapper() {}

    static Problem toProblem(StorageException e) {
        String detail = e.safeMessage();
        return switch (e) {
            case StorageException.InvalidInput x ->
                withField(Problem.of(400, "storage/invalid-request", "Invalid request", detail), x.field(), detail);
            case StorageException.InvalidPath x ->
                withField(Problem.of(400, "storage/invalid-path", "Invalid path", detail), x.field(), detail);
            case StorageException.InvalidNamespace x ->
                withField(
                        Problem.of(400, "storage/invalid-namespace", "Invalid namespace", detail), "namespace", detail);
            case StorageException.UploadOutOfOrder x ->
                Problem.of(409, "storage/upload-out-of-order", "Chunk out of order", detail);
            case StorageException.ChunkTooLarge x ->
                Problem.of(413, "storage/chunk-too-large", "Chunk too large", detail);
            case StorageException.UploadTooLarge x ->
                Problem.of(413, "storage/upload-too-large", "Upload too large", detail);
            case StorageException.BlobNotFound x -> Problem.of(404, "storage/blob-not-found", "Blob not found", detail);
            case StorageException.BlobStoreUnavailable x ->
                Problem.of(503, "storage/blob-store-unavailable", "Blob store unavailable", detail);
            case StorageException.RangeNotSatisfiable x ->
                Problem.of(416, "storage/range-not-satisfiable", "Range not satisfiable", detail);
            case StorageException.BlobMissing x -> Problem.of(422, "storage/blob-missing", "Blob missing", detail);
            case StorageException.SizeMismatch x -> Problem.of(422, "storage/size-mismatch", "Size mismatch", detail);
            case StorageException.NamespaceExists x ->
                Problem.of(409, "storage/namespace-exists", "Namespace already exists", detail);
            case StorageException.TooLarge x ->
                withField(Problem.of(413, "storage/too-large", "Too large", detail), x.field(), detail);
            case StorageException.InvalidQuery x ->
                withField(Problem.of(400, "storage/invalid-query", "Invalid query", detail), x.field(), detail);
            case StorageException.UpdateConflict x ->
                withField(
                        Problem.of(409, "storage/update-conflict", "Update does not apply", detail), x.field(), detail);
            case StorageException.DocumentExists x ->
                Problem.of(409, "storage/document-exists", "Document already exists", detail);
            case StorageException.FileBlobMissing x ->
                withField(Problem.of(422, "storage/blob-missing", "Blob missing", detail), "digest", detail);
        };
    }

    /** Runs one domain call, turning its expected failures into the problem the caller receives. */
    static <T> T answer(Supplier<T> call) {
        try {
            return call.get();
        } catch (StorageException e) {
            throw new ProblemException(toProblem(e));
        }
    }

    private static Problem withField(Problem p, String field, String message) {
        return new Problem(
                p.type(),
                p.title(),
                p.status(),
                p.detail(),
                p.instance(),
                p.code(),
                p.errorId(),
                p.traceId(),
                List.of(new Problem.FieldError(field, message)));
    }
}
