package fazt.runtime.engine;

import fazt.platform.blobs.BlobReader;
import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.ProblemException;
import fazt.proto.problem.Problem;
import fazt.proto.storage.StorageSubjects;
import fazt.proto.storage.VfsFile;
import fazt.proto.storage.VfsListReply;
import fazt.proto.storage.VfsListRequest;
import fazt.runtime.modules.AppFiles;
import fazt.runtime.modules.StandardLibrary;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Reads a version's server code ({@code api/**}) from its storage namespace: pages through
 * {@code svc.storage.vfs.list} and reads each blob in chunks with {@code svc.storage.blob.read}. Namespaces are
 * immutable, so what was read is cached (the most recently used versions, at most {@link #CACHED_VERSIONS} and
 * {@link #CACHED_BYTES} of code); concurrent first requests share one read.
 */
@Singleton
public final class AppCodeLoader {
    /** Versions whose code stays in memory. */
    static final int CACHED_VERSIONS = 128;
    /** Code bytes kept in the cache; the least recently used versions go first (the one just read always stays). */
    static final long CACHED_BYTES = 64L * 1024 * 1024;
    /** Largest total size of one version's server code. */
    public static final long MAX_CODE_BYTES = 32L * 1024 * 1024;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String API_PREFIX = "api/";

    private final NatsRequester nats;
    private final BlobReader blobs;
    private final Map<String, CompletableFuture<AppFiles>> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<AppFiles>> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };

    AppCodeLoader(NatsRequester nats) {
        this.nats = nats;
        this.blobs = new BlobReader(nats);
    }

    /** The server code of the version stored in {@code namespace}; blocks while it is read. */
    public AppFiles load(String namespace) {
        CompletableFuture<AppFiles> files;
        boolean mine = false;
        synchronized (cache) {
            files = cache.get(namespace);
            if (files == null) {
                files = new CompletableFuture<>();
                cache.put(namespace, files);
                mine = true;
            }
        }
        if (mine) {
            try {
                files.complete(read(namespace));
                trimToBytes(namespace);
            } catch (RuntimeException e) {
                synchronized (cache) {
                    cache.remove(namespace, files);
                }
                files.completeExceptionally(e);
            }
        }
        return LocalWait.of(files, "the code of " + namespace);
    }

    private void trimToBytes(String keep) {
        synchronized (cache) {
            long total = 0;
            for (CompletableFuture<AppFiles> entry : cache.values()) {
                total += entry.isDone() && !entry.isCompletedExceptionally()
                        ? entry.join().bytes()
                        : 0;
            }
            var eldestFirst = cache.entrySet().iterator();
            while (total > CACHED_BYTES && eldestFirst.hasNext()) {
                var entry = eldestFirst.next();
                if (!entry.getKey().equals(keep)
                        && entry.getValue().isDone()
                        && !entry.getValue().isCompletedExceptionally()) {
                    total -= entry.getValue().join().bytes();
                    eldestFirst.remove();
                }
            }
        }
    }

    private AppFiles read(String namespace) {
        Map<String, byte[]> files = new HashMap<>();
        long total = 0;
        String after = null;
        do {
            VfsListReply page = nats.call(
                    StorageSubjects.VFS_LIST, new VfsListRequest(namespace, after, 1000), VfsListReply.class, TIMEOUT);
            for (VfsFile file : page.files()) {
                if (!file.path().startsWith(API_PREFIX)) {
                    continue;
                }
                total += file.size();
                if (total > MAX_CODE_BYTES) {
                    throw new ProblemException(Problem.of(
                            413,
                            "runtime/code-too-large",
                            "Server code too large",
                            "The files under api/ exceed " + (MAX_CODE_BYTES >> 20) + " MB."));
                }
                files.put(file.path(), blobs.readAll(file.digest(), file.size()));
            }
            after = page.next();
        } while (after != null);
        return new AppFiles(files, StandardLibrary.get());
    }
}
