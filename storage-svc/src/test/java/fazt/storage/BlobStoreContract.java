package fazt.storage;

import static fazt.storage.StorageClient.problemOf;
import static fazt.storage.StorageClient.random;
import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import io.nats.client.Message;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * What every blob store promises, over NATS: uploads in chunks, range reads, deduplication, and the limits. Upload
 * state lives in PostgreSQL, not in the instance, which is what lets any instance of the queue group take any chunk.
 * {@link BlobIT} holds the PostgreSQL store to it, {@link S3BlobIT} the S3 store (ADR 38).
 */
abstract class BlobStoreContract {
    /** The client of the suite under test (a static field of the subclass, registered as its extension). */
    abstract StorageClient storage();

    /** Bytes the store keeps for the blob, wherever it keeps them. */
    abstract long bytesStored(String digest) throws Exception;

    @Test
    void multiChunkUploadRoundTripsByteExactThroughRangeReads() throws Exception {
        byte[] data = random(1_500_000, 1);

        BlobWritten written = storage().upload(data);

        assertThat(written.digest()).isEqualTo(StorageClient.sha256(data));
        assertThat(written.size()).isEqualTo(data.length);
        assertThat(written.received()).isEqualTo(data.length);
        assertThat(written.deduplicated()).isFalse();
        // Steps that do not line up with the stored chunks, so reads cross chunk boundaries.
        assertThat(storage().readAll(written.digest(), 300_001)).isEqualTo(data);
        assertThat(storage().readAll(written.digest(), StorageSubjects.CHUNK_SIZE))
                .isEqualTo(data);
        Message middle = storage().read(written.digest(), 524_000, 2_000);
        assertThat(middle.getData()).isEqualTo(Arrays.copyOfRange(data, 524_000, 526_000));
        assertThat(middle.getHeaders().getFirst(StorageSubjects.HEADER_BLOB_SIZE))
                .isEqualTo("1500000");
    }

    @Test
    void chunksOfAnUploadReportBytesReceivedSoFar() throws Exception {
        String id = StorageClient.newUploadId();
        BlobWritten first = storage().chunk(id, 0, false, random(1000, 2));
        assertThat(first.received()).isEqualTo(1000);
        assertThat(first.digest()).isNull();
        assertThat(first.deduplicated()).isNull();
        BlobWritten last = storage().chunk(id, 1000, true, new byte[0]);
        assertThat(last.size()).isEqualTo(1000);
        assertThat(last.digest()).isEqualTo(StorageClient.sha256(random(1000, 2)));
    }

    @Test
    void theSameContentUploadedTwiceIsStoredOnce() throws Exception {
        byte[] data = random(700_000, 3);

        BlobWritten first = storage().upload(data);
        BlobWritten second = storage().upload(data, 100_000);

        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(first.deduplicated()).isFalse();
        assertThat(second.deduplicated()).isTrue();
        assertThat(storage().readAll(second.digest(), StorageSubjects.CHUNK_SIZE))
                .isEqualTo(data);
        assertThat(bytesStored(first.digest()))
                .as("bytes stored for the digest")
                .isEqualTo(data.length);
    }

    @Test
    void anEmptyBlobIsStoredAndReadable() throws Exception {
        BlobWritten written = storage().upload(new byte[0]);
        assertThat(written.digest()).isEqualTo(StorageClient.sha256(new byte[0]));
        Message reply = storage().read(written.digest(), 0, 100);
        assertThat(reply.getData()).isNullOrEmpty();
        assertThat(reply.getHeaders().getFirst(StorageSubjects.HEADER_BLOB_SIZE))
                .isEqualTo("0");
    }

    @Test
    void aChunkOutOfOrderIsRefusedAndTheUploadCanContinue() throws Exception {
        String id = StorageClient.newUploadId();
        storage().chunk(id, 0, false, random(100, 4));

        Problem skipped = problemOf(() -> storage().chunk(id, 200, false, random(100, 5)));
        Problem repeated = problemOf(() -> storage().chunk(id, 0, false, random(100, 4)));

        assertThat(skipped.status()).isEqualTo(409);
        assertThat(skipped.type()).endsWith("storage/upload-out-of-order");
        assertThat(skipped.detail()).contains("offset 200").contains("100 bytes");
        assertThat(repeated.status()).isEqualTo(409);
        BlobWritten done = storage().chunk(id, 100, true, random(50, 6));
        assertThat(done.size()).isEqualTo(150);
    }

    @Test
    void aChunkForAnUnknownUploadIsRefused() {
        Problem problem = problemOf(() -> storage().chunk(StorageClient.newUploadId(), 512, true, new byte[1]));
        assertThat(problem.status()).isEqualTo(409);
    }

    @Test
    void badChunkHeadersAreRefusedNamingTheHeader() {
        Problem badId = problemOf(() -> storage().chunk("short", 0, true, new byte[1]));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.detail()).contains(StorageSubjects.HEADER_UPLOAD_ID);
        assertThat(badId.errors())
                .extracting(Problem.FieldError::field)
                .containsExactly(StorageSubjects.HEADER_UPLOAD_ID);

        Problem negative = problemOf(() -> storage().chunk(StorageClient.newUploadId(), -1, true, new byte[1]));
        assertThat(negative.status()).isEqualTo(400);
    }

    @Test
    void aChunkLargerThanTheChunkSizeIsRefused() {
        Problem problem = problemOf(
                () -> storage().chunk(StorageClient.newUploadId(), 0, true, new byte[StorageSubjects.CHUNK_SIZE + 1]));
        assertThat(problem.status()).isEqualTo(413);
        assertThat(problem.type()).endsWith("storage/chunk-too-large");
    }

    @Test
    void readingAnAbsentBlobIsNotFound() {
        String absent = "0".repeat(64);
        Problem problem = problemOf(() -> storage().read(absent, 0, 10));
        assertThat(problem.status()).isEqualTo(404);
        assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "storage/blob-not-found");
    }

    @Test
    void readsOutsideTheLimitsAreRefused() throws Exception {
        String digest = storage().upload(random(1000, 7)).digest();

        assertThat(problemOf(() -> storage().read(digest, 1001, 10)).status()).isEqualTo(416);
        assertThat(problemOf(() -> storage().read(digest, -1, 10)).status()).isEqualTo(400);
        assertThat(problemOf(() -> storage().read(digest, 0, StorageSubjects.CHUNK_SIZE + 1))
                        .status())
                .isEqualTo(400);
        assertThat(problemOf(() -> storage().read("NOT-A-DIGEST", 0, 1)).detail())
                .contains("digest");
        assertThat(storage().read(digest, 1000, 10).getData()).isNullOrEmpty();
        assertThat(storage().read(digest, 990, 100).getData()).hasSize(10);
    }

    @Test
    void missingNamesTheBlobsNotStoredInRequestOrder() throws Exception {
        String stored = storage().upload(random(10, 8)).digest();
        String absent1 = "a".repeat(64);
        String absent2 = "b".repeat(64);

        assertThat(storage().missing(absent2, stored, absent1, absent2)).containsExactly(absent2, absent1);
        assertThat(storage().missing()).isEmpty();
        Problem problem = problemOf(() -> storage().missing(stored, "ABC"));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("digests[1]");
    }

    @Test
    void aMissingRequestOfMoreThanTenThousandDigestsIsRefused() {
        String[] many = new String[10_001];
        Arrays.fill(many, "c".repeat(64));
        Problem problem = problemOf(() -> storage().missing(many));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("10000");
    }
}
