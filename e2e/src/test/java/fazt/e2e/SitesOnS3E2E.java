package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A site deployed and served with blob bytes in S3 (ADR 38): the suite (one JVM, scripts/stack) runs with
 * {@code FAZT_BLOB_STORE=s3://…} against s3proxy in this JVM, and the gateway's file cache off, so every response is
 * read from the bucket; whole files and HTTP ranges come back byte for byte, and the files are objects in the bucket
 * under their content address.
 */
class SitesOnS3E2E {
    static final String BUCKET = "fazt-e2e";
    static final String SECRET = "e2e-secret-" + Long.toHexString(System.nanoTime());
    static final BlobStoreContext bucketStore = ContextBuilder.newBuilder("transient")
            .credentials("identity", "credential")
            .build(BlobStoreContext.class);
    static final S3Proxy s3 = startS3();

    @RegisterExtension
    static final RunningStack suite = RunningStack.oneJvm()
            .env("FAZT_BLOB_STORE", "s3://" + BUCKET + "/site")
            .env("FAZT_BLOB_S3_ENDPOINT", "http://127.0.0.1:" + s3.getPort())
            .env("FAZT_BLOB_S3_ACCESS_KEY_ID", "e2e")
            .env("FAZT_BLOB_S3_SECRET_ACCESS_KEY_FILE", secretFile().toString())
            .env("FAZT_GATEWAY_CACHE_MB", "0");

    private static S3Proxy startS3() {
        try {
            bucketStore.getBlobStore().createContainerInLocation(null, BUCKET);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(bucketStore.getBlobStore())
                    .endpoint(URI.create("http://127.0.0.1:0"))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "e2e", SECRET)
                    .build();
            proxy.start();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!proxy.getState().equals("STARTED") && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            return proxy;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start s3proxy", e);
        }
    }

    private static Path secretFile() {
        try {
            Path file = Files.createTempFile("fazt-e2e-s3", "");
            Files.writeString(file, SECRET);
            return file;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.stop();
        bucketStore.close();
    }

    @Test
    void aSiteOnS3IsDeployedAndServedWholeAndByRanges() throws Exception {
        Edge edge = suite.edge();
        StringBuilder big = new StringBuilder();
        Random random = new Random(38);
        while (big.length() < 2_000_000) {
            big.append((char) ('a' + random.nextInt(26)));
        }
        String large = big.toString();
        HttpResponse<byte[]> created =
                edge.deploy("ons3", Bundles.zip(Bundles.files("index.html", "<h1>on s3</h1>", "big.txt", large)));
        assertThat(created.statusCode()).as(Edge.text(created)).isEqualTo(201);

        assertThat(Edge.text(edge.get("ons3.localhost", "/"))).isEqualTo("<h1>on s3</h1>");
        HttpResponse<byte[]> whole = edge.get("ons3.localhost", "/big.txt");
        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(new String(whole.body(), StandardCharsets.UTF_8)).isEqualTo(large);
        HttpResponse<byte[]> range = edge.get("ons3.localhost", "/big.txt", "Range", "bytes=1048000-1049999");
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(new String(range.body(), StandardCharsets.UTF_8)).isEqualTo(large.substring(1_048_000, 1_050_000));

        String hex = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(large.getBytes(StandardCharsets.UTF_8)));
        String key = "site/sha256/" + hex.substring(0, 2) + "/" + hex.substring(2, 4) + "/" + hex;
        assertThat(bucketStore.getBlobStore().blobExists(BUCKET, key))
                .as("the file is an object under its content address")
                .isTrue();
    }
}
