package fazt.deploy.messaging;

import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.SiteFile;
import fazt.deploy.domain.SiteFiles;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.proto.MessageCodec;
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
import fazt.proto.storage.VfsListReply;
import fazt.proto.storage.VfsListRequest;
import fazt.proto.storage.VfsStatReply;
import fazt.proto.storage.VfsStatRequest;
import io.nats.client.Message;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SiteFiles} over NATS: storage-svc's blob and VFS subjects, chunked so no file is ever one message. */
@Singleton
final class NatsSiteFiles implements SiteFiles {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(NatsSiteFiles.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private final NatsRequester nats;

    NatsSiteFiles(NatsRequester nats) {
        this.nats = nats;
    }

    @Override
    public Set<String> missing(Collection<String> digests) {
        List<String> all = List.copyOf(digests);
        Set<String> missing = new HashSet<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            missing.addAll(call("blob lookup", StorageSubjects.BLOB_MISSING, new BlobsMissingRequest(batch),
                    BlobsMissingReply.class).missing());
        }
        return missing;
    }

    @Override
    public String upload(Path content) {
        String uploadId = "d_" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        byte[] buffer = new byte[StorageSubjects.CHUNK_SIZE];
        long offset = 0;
        try (InputStream in = Files.newInputStream(content)) {
            while (true) {
                int n = in.readNBytes(buffer, 0, buffer.length);
                boolean last = n < buffer.length;
                byte[] chunk = n == buffer.length ? buffer : java.util.Arrays.copyOf(buffer, n);
                Message reply = await("upload", nats.requestRaw(StorageSubjects.BLOB_WRITE, Map.of(
                        StorageSubjects.HEADER_UPLOAD_ID, uploadId,
                        StorageSubjects.HEADER_OFFSET, Long.toString(offset),
                        StorageSubjects.HEADER_LAST, Boolean.toString(last)), chunk, TIMEOUT));
                offset += n;
                if (last) {
                    return MessageCodec.INSTANCE.decode(reply.getData(), BlobWritten.class).digest();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void commit(String namespace, List<SiteFile> files) {
        List<VfsFile> vfs = files.stream().map(f -> new VfsFile(f.path(), f.digest(), f.size())).toList();
        call("commit", StorageSubjects.VFS_COMMIT, new VfsCommitRequest(namespace, vfs), VfsCommitReply.class);
    }

    @Override
    public List<SiteFile> list(String namespace) {
        List<SiteFile> files = new ArrayList<>();
        String after = null;
        do {
            VfsListReply page = call("listing", StorageSubjects.VFS_LIST, new VfsListRequest(namespace, after, BATCH),
                    VfsListReply.class);
            page.files().forEach(f -> files.add(new SiteFile(f.path(), f.digest(), f.size())));
            after = page.next();
        } while (after != null);
        return files;
    }

    @Override
    public java.util.Optional<SiteFile> stat(String namespace, String path) {
        VfsStatReply reply = call("lookup", StorageSubjects.VFS_STAT, new VfsStatRequest(namespace, List.of(path)),
                VfsStatReply.class);
        return reply.found().stream().findFirst().map(f -> new SiteFile(f.path(), f.digest(), f.size()));
    }

    @Override
    public void drop(String namespace) {
        try {
            call("cleanup", StorageSubjects.VFS_DROP, new VfsDropRequest(namespace), VfsDropReply.class);
        } catch (DeployException.StorageFailed e) {
            // The version is already gone from deploy's tables; storage's sweep collects what a failed drop left.
            log.warn("namespace drop failed namespace={}", namespace);
        }
    }

    @Override
    public void download(String digest, long size, Path target) {
        try (OutputStream out = Files.newOutputStream(target)) {
            for (long offset = 0; offset < size; offset += StorageSubjects.CHUNK_SIZE) {
                int length = (int) Math.min(StorageSubjects.CHUNK_SIZE, size - offset);
                Message chunk = await("download", nats.requestForBytes(StorageSubjects.BLOB_READ,
                        new BlobReadRequest(digest, offset, length), TIMEOUT));
                out.write(chunk.getData());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <R> R call(String what, String subject, Object request, Class<R> reply) {
        return await(what, nats.request(subject, request, reply, TIMEOUT));
    }

    private static <T> T await(String what, java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProblemException p && p.problem().status() < 500) {
                // A 4xx from storage is a fact about the input (a path it refused): pass it on unchanged.
                throw p;
            }
            log.warn("storage request failed what={} reason={}", what, e.getCause().getClass().getSimpleName());
            throw new DeployException.StorageFailed(what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException.StorageFailed(what);
        }
    }
}
