package fazt.storage.persistence;

import fazt.platform.nats.SecretFile;
import fazt.storage.config.BlobS3Config;
import fazt.storage.config.BlobStoreUrl;
import fazt.storage.domain.Digest;
import fazt.storage.domain.StorageException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The bucket of {@code FAZT_BLOB_STORE} through the AWS SDK's sync client (URL-connection transport, path-style
 * addressing, a timeout on every attempt and on every call, the SDK's standard retries). Keys are content addresses
 * ({@link BlobStoreUrl#key}); nothing here knows about rows. Every SDK failure becomes
 * {@link StorageException.BlobStoreUnavailable}, whose message names the operation and never a credential.
 */
final class S3Objects implements AutoCloseable {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Attempts of one call, counting the first: the SDK's standard strategy retries throttling and 5xx. */
    private static final int ATTEMPTS = 3;

    private final S3Client client;
    private final BlobStoreUrl url;

    S3Objects(S3Client client, BlobStoreUrl url) {
        this.client = client;
        this.url = url;
    }

    /** A client for {@code url} as {@code config} says; reads the secret from its file now. */
    static S3Objects connect(BlobStoreUrl url, BlobS3Config config) {
        if (config.accessKeyId() == null || config.secretAccessKeyFile() == null) {
            throw new IllegalStateException("FAZT_BLOB_STORE is " + url
                    + ": set FAZT_BLOB_S3_ACCESS_KEY_ID and FAZT_BLOB_S3_SECRET_ACCESS_KEY_FILE");
        }
        String secret;
        try {
            secret = SecretFile.read(Path.of(config.secretAccessKeyFile()));
        } catch (IOException e) {
            throw new IllegalStateException("FAZT_BLOB_S3_SECRET_ACCESS_KEY_FILE: cannot read "
                    + config.secretAccessKeyFile() + " (" + e.getClass().getSimpleName() + ")");
        }
        Duration timeout = config.timeout();
        var builder = S3Client.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(timeout)
                        .build())
                .region(Region.of(config.region()))
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKeyId(), secret)))
                .forcePathStyle(true)
                // Checksums only where S3 requires them: S3-compatible servers differ in the trailers they accept.
                // Every write is checked against its SHA-256 before it is sent, and by the store with Content-MD5.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(timeout)
                        .apiCallTimeout(timeout.multipliedBy(ATTEMPTS + 1))
                        .retryStrategy(r -> r.maxAttempts(ATTEMPTS)));
        if (config.endpoint() != null) {
            builder.endpointOverride(URI.create(config.endpoint()));
        }
        return new S3Objects(builder.build(), url);
    }

    /** The size of the blob's object, or empty when there is none. */
    OptionalLong size(Digest digest) {
        try {
            return OptionalLong.of(client.headObject(b -> b.bucket(url.bucket()).key(url.key(digest.hex())))
                    .contentLength());
        } catch (NoSuchKeyException e) {
            return OptionalLong.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw unavailable("looking up an object", e);
        } catch (SdkException e) {
            throw unavailable("looking up an object", e);
        }
    }

    /**
     * Writes a whole small blob in one request, whose bytes the caller has checked against {@code digest}; the store
     * checks them against their Content-MD5 before keeping them, so what arrives is what was checked.
     */
    void put(Digest digest, byte[] data) {
        try {
            client.putObject(
                    b -> b.bucket(url.bucket())
                            .key(url.key(digest.hex()))
                            .contentLength((long) data.length)
                            .contentMD5(md5(data, data.length)),
                    body(data, data.length));
        } catch (SdkException e) {
            throw unavailable("writing an object", e);
        }
    }

    /** Starts a multipart write of the blob's object; the caller completes or aborts it. */
    Multipart startMultipart(Digest digest) {
        String key = url.key(digest.hex());
        try {
            String id = client.createMultipartUpload(b -> b.bucket(url.bucket()).key(key))
                    .uploadId();
            return new Multipart(key, id);
        } catch (SdkException e) {
            throw unavailable("starting a multipart write", e);
        }
    }

    /** {@code length} bytes of the blob's object from {@code offset}, which the caller keeps within the object. */
    byte[] read(Digest digest, long offset, int length) {
        if (length == 0) {
            return new byte[0];
        }
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(url.bucket())
                .key(url.key(digest.hex()))
                .range("bytes=" + offset + "-" + (offset + length - 1)))) {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IllegalStateException(
                        "object of blob " + digest + " ended early at " + (offset + bytes.length));
            }
            return bytes;
        } catch (NoSuchKeyException e) {
            throw new IllegalStateException("the object of blob " + digest + " is missing from the bucket");
        } catch (SdkException e) {
            throw unavailable("reading an object", e);
        } catch (IOException e) {
            throw new StorageException.BlobStoreUnavailable("reading an object failed mid-way");
        }
    }

    /** The whole object of the blob, streamed; the caller closes it. */
    InputStream open(Digest digest) {
        try {
            return client.getObject(b -> b.bucket(url.bucket()).key(url.key(digest.hex())));
        } catch (NoSuchKeyException e) {
            throw new IllegalStateException("the object of blob " + digest + " is missing from the bucket");
        } catch (SdkException e) {
            throw unavailable("reading an object", e);
        }
    }

    /** Deletes the blob's object; nothing happens when there is none. */
    void delete(Digest digest) {
        try {
            client.deleteObject(b -> b.bucket(url.bucket()).key(url.key(digest.hex())));
        } catch (SdkException e) {
            throw unavailable("deleting an object", e);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    /** A multipart write in progress: parts in order, then {@link #complete()} or {@link #abort()}. */
    final class Multipart {
        private final String key;
        private final String id;
        private final List<CompletedPart> parts = new ArrayList<>();

        private Multipart(String key, String id) {
            this.key = key;
            this.id = id;
        }

        void part(byte[] data, int length) {
            int number = parts.size() + 1;
            try {
                String etag = client.uploadPart(
                                b -> b.bucket(url.bucket())
                                        .key(key)
                                        .uploadId(id)
                                        .partNumber(number)
                                        .contentLength((long) length)
                                        .contentMD5(md5(data, length)),
                                body(data, length))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            } catch (SdkException e) {
                throw unavailable("writing part " + number + " of an object", e);
            }
        }

        void complete() {
            try {
                client.completeMultipartUpload(
                        b -> b.bucket(url.bucket()).key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
            } catch (SdkException e) {
                throw unavailable("completing a multipart write", e);
            }
        }

        /** Drops the parts; a failure here leaves them to the bucket's own expiry of incomplete uploads. */
        void abort() {
            try {
                client.abortMultipartUpload(b -> b.bucket(url.bucket()).key(key).uploadId(id));
            } catch (SdkException e) {
                // The write failed already; that failure is the one reported.
            }
        }
    }

    /** The first {@code length} bytes of {@code data}, sent without a copy (the SDK's fromBytes copies). */
    private static RequestBody body(byte[] data, int length) {
        return RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(data, 0, length), length, "application/octet-stream");
    }

    /**
     * Content-MD5 of the first {@code length} bytes: every S3 implementation checks it (x-amz-checksum-sha256 would
     * check the blob's own digest, but s3proxy and other self-hosted stores answer it with 501).
     */
    private static String md5(byte[] data, int length) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            md5.update(data, 0, length);
            return Base64.getEncoder().encodeToString(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }

    /** What the caller sees: the operation and S3's status or the SDK's class, never a request's signature. */
    private static StorageException unavailable(String operation, SdkException e) {
        String why = e instanceof S3Exception s
                ? "S3 answered " + s.statusCode()
                        + (s.awsErrorDetails() != null
                                ? " " + s.awsErrorDetails().errorCode()
                                : "")
                : e.getClass().getSimpleName();
        return new StorageException.BlobStoreUnavailable(operation + " failed (" + why + ")");
    }
}
