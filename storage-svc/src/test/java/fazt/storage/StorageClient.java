package fazt.storage;

import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.NatsRequester.RemoteProblemException;
import fazt.platform.service.testing.RemoteCall;
import fazt.platform.service.testing.SuiteConnection;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobReadRequest;
import fazt.proto.storage.BlobWritten;
import fazt.proto.storage.BlobsMissingReply;
import fazt.proto.storage.BlobsMissingRequest;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsCommitReply;
import fazt.proto.storage.VfsCommitRequest;
import fazt.proto.storage.VfsDropReply;
import fazt.proto.storage.VfsDropRequest;
import fazt.proto.storage.VfsFile;
import io.nats.client.Message;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Talks to storage-svc the way other services do: over NATS only, through {@link NatsRequester}. Register the client,
 * not its suite: it starts the suite before it connects and closes its connection before it stops the suite, an order
 * that two extensions registered side by side would not be sure to keep.
 * <pre>{@code
 * static final TestSuite suite = TestSuite.of(new StorageService());
 *
 * @RegisterExtension
 * static final StorageClient storage = new StorageClient(suite);
 * }</pre>
 */
final class StorageClient implements BeforeAllCallback, AfterAllCallback {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SuiteConnection connection;

    StorageClient(TestSuite suite) {
        this.connection = new SuiteConnection(suite);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        connection.beforeAll(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        connection.afterAll(context);
    }

    /** The client's requester on the suite's subject root, for a protocol client under test to use. */
    NatsRequester requester() {
        return connection.requester();
    }

    static String newUploadId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** {@code size} bytes that are the same for the same {@code seed}. */
    static byte[] random(int size, long seed) {
        return random(size, new Random(seed));
    }

    /** {@code size} bytes unlike any other call's. */
    static byte[] random(int size) {
        return random(size, new Random());
    }

    private static byte[] random(int size, Random random) {
        byte[] data = new byte[size];
        random.nextBytes(data);
        return data;
    }

    static Problem problemOf(ThrowingCallable call) {
        return RemoteCall.problemOf(call);
    }

    /** Sends one chunk; returns the decoded reply, or throws the problem (unwrapped from the future). */
    BlobWritten chunk(String uploadId, long offset, boolean last, byte[] data) throws Exception {
        Message reply = unwrap(() -> connection
                .requester()
                .requestRaw(
                        StorageSubjects.BLOB_WRITE,
                        Map.of(
                                StorageSubjects.HEADER_UPLOAD_ID, uploadId,
                                StorageSubjects.HEADER_OFFSET, Long.toString(offset),
                                StorageSubjects.HEADER_LAST, Boolean.toString(last)),
                        data,
                        TIMEOUT)
                .get());
        return MessageCodec.INSTANCE.decode(reply.getData(), BlobWritten.class);
    }

    /** Uploads {@code data} in chunks of {@code chunkSize}; the last chunk may be empty when sizes divide evenly. */
    BlobWritten upload(byte[] data, int chunkSize) throws Exception {
        String id = newUploadId();
        int offset = 0;
        while (data.length - offset > chunkSize) {
            chunk(id, offset, false, Arrays.copyOfRange(data, offset, offset + chunkSize));
            offset += chunkSize;
        }
        return chunk(id, offset, true, Arrays.copyOfRange(data, offset, data.length));
    }

    BlobWritten upload(byte[] data) throws Exception {
        return upload(data, StorageSubjects.CHUNK_SIZE);
    }

    Message read(String digest, long offset, int length) throws Exception {
        return unwrap(() -> connection
                .requester()
                .requestForBytes(StorageSubjects.BLOB_READ, new BlobReadRequest(digest, offset, length), TIMEOUT)
                .get());
    }

    /** The whole blob, read in ranges of {@code step} bytes. */
    byte[] readAll(String digest, int step) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long size;
        do {
            Message reply = read(digest, out.size(), step);
            size = Long.parseLong(reply.getHeaders().getFirst(StorageSubjects.HEADER_BLOB_SIZE));
            byte[] data = reply.getData() == null ? new byte[0] : reply.getData();
            if (data.length == 0 && out.size() < size) {
                throw new AssertionError("empty read at " + out.size() + " of " + size + " bytes");
            }
            out.write(data);
        } while (out.size() < size);
        return out.toByteArray();
    }

    /** Whether the blob is stored; unlike {@link #missing}, this does not renew the blob's grace against collection. */
    boolean stored(String digest) throws Exception {
        try {
            read(digest, 0, 0);
            return true;
        } catch (RemoteProblemException e) {
            if (e.problem().status() == 404) {
                return false;
            }
            throw e;
        }
    }

    List<String> missing(String... digests) throws Exception {
        return request(StorageSubjects.BLOB_MISSING, new BlobsMissingRequest(List.of(digests)), BlobsMissingReply.class)
                .missing();
    }

    VfsCommitReply commit(String namespace, VfsFile... files) throws Exception {
        return request(
                StorageSubjects.VFS_COMMIT, new VfsCommitRequest(namespace, List.of(files)), VfsCommitReply.class);
    }

    VfsDropReply drop(String namespace) throws Exception {
        return request(StorageSubjects.VFS_DROP, new VfsDropRequest(namespace), VfsDropReply.class);
    }

    <R> R request(String subject, Object body, Class<R> replyType) throws Exception {
        return unwrap(() -> connection
                .requester()
                .request(subject, body, replyType, TIMEOUT)
                .get());
    }

    @FunctionalInterface
    interface Call<T> {
        T get() throws Exception;
    }

    /** Futures fail with an ExecutionException; tests want the problem itself. */
    static <T> T unwrap(Call<T> call) throws Exception {
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }
}
