package fazt.deploy.messaging;

import fazt.deploy.domain.DeployException;
import fazt.deploy.domain.SiteFile;
import fazt.deploy.domain.SiteFiles;
import fazt.platform.blobs.BlobReader;
import fazt.platform.blobs.BlobTransferException;
import fazt.platform.blobs.BlobWriter;
import fazt.platform.nats.CallFailure;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
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
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link SiteFiles} over NATS: storage-svc's blob and VFS subjects, chunked so no file is ever one message. */
@Singleton
final class NatsSiteFiles implements SiteFiles {
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    static final int BATCH = 1000;

    private static final Logger log = LoggerFactory.getLogger(NatsSiteFiles.class);
    private final NatsRequester nats;
    private final BlobWriter writer;
    private final BlobReader reader;

    NatsSiteFiles(NatsRequester nats) {
        this.nats = nats;
        this.writer = new BlobWriter(nats);
        this.reader = new BlobReader(nats, TIMEOUT);
    }

    @Override
    public Set<String> missing(Collection<String> digests) {
        List<String> all = List.copyOf(digests);
        Set<String> missing = new HashSet<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<String> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            missing.addAll(call(
                            "blob lookup",
                            StorageSubjects.BLOB_MISSING,
                            new BlobsMissingRequest(batch),
                            BlobsMissingReply.class)
                    .missing());
        }
        return missing;
    }

    @Override
    public String upload(Path content) {
        try (InputStream in = Files.newInputStream(content)) {
            return writer.write(in).digest();
        } catch (BlobTransferException e) {
            throw failure("upload", e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void commit(String namespace, List<SiteFile> files) {
        List<VfsFile> vfs = files.stream()
                .map(f -> new VfsFile(f.path(), f.digest(), f.size()))
                .toList();
        call("commit", StorageSubjects.VFS_COMMIT, new VfsCommitRequest(namespace, vfs), VfsCommitReply.class);
    }

    @Override
    public List<SiteFile> list(String namespace) {
        List<SiteFile> files = new ArrayList<>();
        String after = null;
        do {
            VfsListReply page = call(
                    "listing",
                    StorageSubjects.VFS_LIST,
                    new VfsListRequest(namespace, after, BATCH),
                    VfsListReply.class);
            page.files().forEach(f -> files.add(new SiteFile(f.path(), f.digest(), f.size())));
            after = page.next();
        } while (after != null);
        return files;
    }

    @Override
    public Optional<SiteFile> stat(String namespace, String path) {
        VfsStatReply reply = call(
                "lookup", StorageSubjects.VFS_STAT, new VfsStatRequest(namespace, List.of(path)), VfsStatReply.class);
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
            reader.copy(digest, size, out);
        } catch (BlobTransferException e) {
            throw failure("download", e.getCause());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <R> R call(String what, String subject, Object request, Class<R> reply) {
        try {
            return nats.call(subject, request, reply, TIMEOUT);
        } catch (CallFailure e) {
            throw failure(what, e);
        }
    }

    private static RuntimeException failure(String what, Throwable cause) {
        if (cause instanceof CallFailure.Problem p && p.problem().status() < 500) {
            // A 4xx from storage is a fact about the input (a path it refused): pass it on unchanged.
            return new ProblemException(p.problem());
        }
        log.warn(
                "storage request failed what={} reason={}",
                what,
                cause.getClass().getSimpleName());
        return new DeployException.StorageFailed(what);
    }
}
