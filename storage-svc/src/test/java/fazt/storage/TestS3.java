package fazt.storage;

import fazt.platform.service.testing.TestSuite;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.OptionalLong;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * A real S3 server for a test class: s3proxy in this JVM over jclouds' in-memory ("transient") store, on 127.0.0.1
 * and a free port, with one bucket and signed requests only. {@link #env(String)} is what storage-svc needs to use
 * it; {@link #objectSize} looks into the bucket the way an operator would.
 */
final class TestS3 implements AutoCloseable {
    static final String BUCKET = "fazt-blobs";
    static final String PREFIX = "test";
    private static final String ACCESS_KEY = "fazt-test-access";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path secretFile;
    private final S3Client client;

    private TestS3(S3Proxy proxy, BlobStoreContext context, Path secretFile, S3Client client) {
        this.proxy = proxy;
        this.context = context;
        this.secretFile = secretFile;
        this.client = client;
    }

    static TestS3 start() {
        try {
            String secret = "secret-" + Long.toHexString(System.nanoTime());
            BlobStoreContext context = ContextBuilder.newBuilder("transient")
                    .credentials("identity", "credential")
                    .build(BlobStoreContext.class);
            context.getBlobStore().createContainerInLocation(null, BUCKET);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(context.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secret)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!proxy.getState().equals("STARTED")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
                }
                Thread.sleep(10);
            }
            Path secretFile = Files.createTempFile(
                    "fazt-s3-secret",
                    "",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(secretFile, secret);
            S3Client client = S3Client.builder()
                    .httpClient(UrlConnectionHttpClient.create())
                    .endpointOverride(URI.create("http://127.0.0.1:" + proxy.getPort()))
                    .region(Region.US_EAST_1)
                    .forcePathStyle(true)
                    .credentialsProvider(
                            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, secret)))
                    .build();
            return new TestS3(proxy, context, secretFile, client);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** storage-svc's settings for this server's bucket, under {@code prefix}. */
    Map<String, String> env(String prefix) {
        return Map.of(
                "FAZT_BLOB_STORE",
                "s3://" + BUCKET + "/" + prefix,
                "FAZT_BLOB_S3_ENDPOINT",
                endpoint(),
                "FAZT_BLOB_S3_ACCESS_KEY_ID",
                ACCESS_KEY,
                "FAZT_BLOB_S3_SECRET_ACCESS_KEY_FILE",
                secretFile.toString(),
                "FAZT_BLOB_S3_TIMEOUT_MS",
                "10000");
    }

    /** {@code suite} with this server's settings added. */
    TestSuite configure(TestSuite suite, String prefix) {
        env(prefix).forEach(suite::with);
        return suite;
    }

    static String key(String prefix, String digest) {
        return prefix + "/sha256/" + digest.substring(0, 2) + "/" + digest.substring(2, 4) + "/" + digest;
    }

    /** The size of the blob's object under {@code prefix}, empty when there is none. */
    OptionalLong objectSize(String prefix, String digest) {
        try {
            return OptionalLong.of(client.headObject(b -> b.bucket(BUCKET).key(key(prefix, digest)))
                    .contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw e;
        }
    }

    /** Deletes the blob's object, as the sweep would. */
    void deleteObject(String prefix, String digest) {
        client.deleteObject(b -> b.bucket(BUCKET).key(key(prefix, digest)));
    }

    /** Bytes the suite's PostgreSQL holds in blob_chunk for the digest. */
    static long chunkBytes(TestSuite suite, String digest) throws Exception {
        try (Connection c = suite.postgres().connect();
                PreparedStatement s = c.prepareStatement(
                        "SELECT coalesce(sum(octet_length(data)), 0) FROM storage.blob_chunk WHERE blob_key = ?")) {
            s.setString(1, digest);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /** The location column of the blob's row, or null when there is no row. */
    static String location(TestSuite suite, String digest) throws Exception {
        try (Connection c = suite.postgres().connect();
                PreparedStatement s = c.prepareStatement("SELECT location FROM storage.blob WHERE digest = ?")) {
            s.setString(1, digest);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    @Override
    public void close() throws Exception {
        client.close();
        proxy.stop();
        context.close();
        Files.deleteIfExists(secretFile);
    }
}
