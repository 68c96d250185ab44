package fazt.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.platform.blobs.BlobReader;
import fazt.platform.blobs.BlobTransferException;
import fazt.platform.blobs.BlobUpload;
import fazt.platform.blobs.BlobWriter;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester.RemoteProblemException;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.StorageSubjects;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shared blob client (platform-blobs) against the real storage service. */
class BlobClientIT {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    @ParameterizedTest
    @ValueSource(
            ints = {
                0,
                1,
                StorageSubjects.CHUNK_SIZE - 1,
                StorageSubjects.CHUNK_SIZE,
                2 * StorageSubjects.CHUNK_SIZE + 17
            })
    void aWrittenStreamReadsBackWholeAndInRanges(int size) throws Exception {
        byte[] data = StorageClient.random(size);
        BlobWritten written = new BlobWriter(storage.requester()).write(new ByteArrayInputStream(data));
        assertThat(written.digest()).isEqualTo(StorageClient.sha256(data));
        assertThat(written.size()).isEqualTo(size);

        BlobReader reader = new BlobReader(storage.requester());
        try (InputStream in = reader.open(written.digest(), size)) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        reader.copy(written.digest(), size, copy);
        assertThat(copy.toByteArray()).isEqualTo(data);
        if (size > 10) {
            assertThat(reader.read(written.digest(), 3, 7).get()).isEqualTo(Arrays.copyOfRange(data, 3, 10));
        }
    }

    @Test
    void anUploadDrivenChunkByChunkNamesTheBlob() throws Exception {
        BlobUpload upload = new BlobUpload(storage.requester());
        upload.send("hello ".getBytes(), false).get();
        BlobWritten written = upload.send("world".getBytes(), true).get();
        assertThat(upload.sent()).isEqualTo(11);
        assertThat(written.digest()).isEqualTo(StorageClient.sha256("hello world".getBytes()));
    }

    @Test
    void failuresCarryStoragesProblem() throws Exception {
        String absent = StorageClient.sha256("absent".getBytes());
        BlobReader reader = new BlobReader(storage.requester());
        assertThatThrownBy(() -> reader.open(absent, 10).readAllBytes())
                .isInstanceOf(BlobTransferException.class)
                .cause()
                .isInstanceOfSatisfying(
                        CallFailure.Problem.class,
                        e -> assertThat(e.problem().status()).isEqualTo(404));
        assertThatThrownBy(() -> reader.read(absent, 0, 1).get())
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(RemoteProblemException.class);
        BlobWritten small = new BlobWriter(storage.requester()).write(new byte[] {1, 2, 3});
        assertThatThrownBy(() -> reader.read(small.digest(), 0, 5).get())
                .as("a shorter answer than asked means the caller's size is wrong")
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(IllegalStateException.class);
    }
}
