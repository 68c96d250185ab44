package fazt.storage;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.testing.TestSuite;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import io.nats.client.Message;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The blob contract with blob bytes in S3 (a real s3proxy), plus what only the S3 store does (ADR 38). */
class S3BlobIT extends BlobStoreContract {
    static final TestS3 s3 = TestS3.start();
    static final TestSuite suite = s3.configure(TestSuite.of(new StorageService()), TestS3.PREFIX);

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @Override
    StorageClient storage() {
        return storage;
    }

    /** The object's bytes, plus any left in PostgreSQL (none once the blob is in S3). */
    @Override
    long bytesStored(String digest) throws Exception {
        return s3.objectSize(TestS3.PREFIX, digest).orElse(0) + TestS3.chunkBytes(suite, digest);
    }

    @Test
    void aClosedUploadLivesInTheBucketUnderItsContentAddressAndNotInPostgres() throws Exception {
        byte[] data = StorageClient.random(600_000, 20);

        BlobWritten written = storage.upload(data);

        assertThat(s3.objectSize(TestS3.PREFIX, written.digest())).hasValue(data.length);
        assertThat(TestS3.chunkBytes(suite, written.digest())).isZero();
        assertThat(TestS3.location(suite, written.digest())).isEqualTo("s3");
    }

    @Test
    void aBlobLargerThanOnePartIsWrittenInPartsAndReadBackByRanges() throws Exception {
        // 8 MiB parts: two full ones and a short last one.
        byte[] data = StorageClient.random(17 * 1024 * 1024 + 123, 21);

        BlobWritten written = storage.upload(data);

        assertThat(s3.objectSize(TestS3.PREFIX, written.digest())).hasValue(data.length);
        assertThat(storage.readAll(written.digest(), StorageSubjects.CHUNK_SIZE))
                .isEqualTo(data);
        long at = 8L * 1024 * 1024 - 1000;
        Message across = storage.read(written.digest(), at, 5_000);
        assertThat(across.getData()).isEqualTo(Arrays.copyOfRange(data, (int) at, (int) at + 5_000));
        assertThat(across.getHeaders().getFirst(StorageSubjects.HEADER_BLOB_SIZE))
                .isEqualTo(Integer.toString(data.length));
    }
}
