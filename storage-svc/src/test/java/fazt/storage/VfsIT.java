package fazt.storage;

import static fazt.storage.StorageClient.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fazt.platform.nats.NatsRequester.RemoteProblemException;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.problem.Problem;
import fazt.proto.storage.BlobWritten;
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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The virtual file system over NATS: commit, stat, list and drop of namespaces, and the collection of blobs. */
class VfsIT {
    static final TestSuite suite = TestSuite.of(new StorageService());

    @RegisterExtension
    static final StorageClient storage = new StorageClient(suite);

    /** A namespace no other test uses. */
    private static String namespace() {
        return "site/t" + UUID.randomUUID().toString().substring(0, 8) + "/v1";
    }

    /** Stores a small blob with unique content and returns it as a file at {@code path}. */
    private static VfsFile file(String path) throws Exception {
        byte[] data = (path + " " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
        BlobWritten written = storage.upload(data);
        return new VfsFile(path, written.digest(), written.size());
    }

    @Test
    void commitStoresTheNamespaceAndStatFindsCandidatePathsInRequestOrder() throws Exception {
        String ns = namespace();
        VfsFile index = file("index.html");
        VfsFile docs = file("docs/index.html");

        VfsCommitReply reply = storage.commit(ns, index, docs);

        assertThat(reply).isEqualTo(new VfsCommitReply(ns, 2, index.size() + docs.size()));
        VfsStatReply stat = storage.request(
                StorageSubjects.VFS_STAT,
                new VfsStatRequest(ns, List.of("docs", "docs/index.html", "missing.html", "index.html")),
                VfsStatReply.class);
        assertThat(stat.found()).containsExactly(docs, index);
        assertThat(storage.request(
                                StorageSubjects.VFS_STAT,
                                new VfsStatRequest("absent/ns", List.of("index.html")),
                                VfsStatReply.class)
                        .found())
                .isEmpty();
    }

    @Test
    void statRefusesMoreThanSixteenCandidates() {
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            paths.add("p" + i);
        }
        Problem problem = problemOf(() ->
                storage.request(StorageSubjects.VFS_STAT, new VfsStatRequest(namespace(), paths), VfsStatReply.class));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("paths").contains("16");
    }

    @Test
    void commitWithAMissingBlobIsRefusedNamingThePathAndLeavesNothing() throws Exception {
        String ns = namespace();
        VfsFile present = file("a.txt");
        VfsFile absent = new VfsFile("img/logo.png", "d".repeat(64), 10);

        Problem problem = problemOf(() -> storage.commit(ns, present, absent));

        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).endsWith("storage/blob-missing");
        assertThat(problem.detail()).contains("img/logo.png");
        // All or nothing: the namespace can be committed once the blob is there.
        assertThat(storage.commit(ns, present).files()).isEqualTo(1);
    }

    @Test
    void commitWithAWrongSizeIsRefused() throws Exception {
        VfsFile real = file("a.txt");
        Problem problem =
                problemOf(() -> storage.commit(namespace(), new VfsFile(real.path(), real.digest(), real.size() + 1)));
        assertThat(problem.status()).isEqualTo(422);
        assertThat(problem.type()).endsWith("storage/size-mismatch");
    }

    @Test
    void aNamespaceIsCommittedOnce() throws Exception {
        String ns = namespace();
        VfsFile a = file("a.txt");
        storage.commit(ns, a);

        Problem problem = problemOf(() -> storage.commit(ns, a));

        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.type()).isEqualTo(Problem.TYPE_BASE + "storage/namespace-exists");
    }

    @Test
    void anEmptyNamespaceCanBeCommittedAndDropped() throws Exception {
        String ns = namespace();
        assertThat(storage.commit(ns).files()).isZero();
        assertThat(problemOf(() -> storage.commit(ns)).status()).isEqualTo(409);
        assertThat(storage.drop(ns)).isEqualTo(new VfsDropReply(ns, 0, 0));
    }

    @Test
    void duplicatePathsAreRefused() throws Exception {
        VfsFile a = file("a.txt");
        Problem problem = problemOf(() -> storage.commit(namespace(), a, a));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("files[1].path").contains("a.txt");
    }

    @Test
    void listPagesThroughFilesInPathOrder() throws Exception {
        String ns = namespace();
        VfsFile shared = file("x");
        List<VfsFile> files = new ArrayList<>();
        for (String path : List.of("b.txt", "a/z.txt", "a.txt", "B.txt", "c/d/e.txt", "a/b.txt", "é.txt")) {
            files.add(new VfsFile(path, shared.digest(), shared.size()));
        }
        storage.commit(ns, files.toArray(VfsFile[]::new));

        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        String after = null;
        do {
            VfsListReply page =
                    storage.request(StorageSubjects.VFS_LIST, new VfsListRequest(ns, after, 3), VfsListReply.class);
            page.files().forEach(f -> seen.add(f.path()));
            pageSizes.add(page.files().size());
            after = page.next();
        } while (after != null);

        // Byte order of UTF-8, whatever the server's locale: 'B' before 'a', '.' (0x2e) before '/' (0x2f), 'é' last.
        assertThat(seen).containsExactly("B.txt", "a.txt", "a/b.txt", "a/z.txt", "b.txt", "c/d/e.txt", "é.txt");
        assertThat(pageSizes).containsExactly(3, 3, 1);
    }

    @Test
    void listOfAFullLastPageEndsWithoutAnEmptyPage() throws Exception {
        String ns = namespace();
        VfsFile a = file("a");
        VfsFile b = file("b");
        storage.commit(ns, a, b);

        VfsListReply page =
                storage.request(StorageSubjects.VFS_LIST, new VfsListRequest(ns, null, 2), VfsListReply.class);

        assertThat(page.files()).containsExactly(a, b);
        assertThat(page.next()).isNull();
    }

    @Test
    void listRefusesALimitOutOfRange() {
        for (int limit : new int[] {0, 1001, -1}) {
            Problem problem = problemOf(() -> storage.request(
                    StorageSubjects.VFS_LIST, new VfsListRequest(namespace(), null, limit), VfsListReply.class));
            assertThat(problem.status()).as("limit %d", limit).isEqualTo(400);
            assertThat(problem.detail()).contains("limit");
        }
    }

    @Test
    void dropCollectsOnlyTheBlobsNothingElseReferences() throws Exception {
        String first = namespace();
        String second = namespace();
        VfsFile shared = file("shared.css");
        VfsFile own = file("own.html");
        storage.commit(first, shared, own);
        storage.commit(second, new VfsFile("style/shared.css", shared.digest(), shared.size()));

        VfsDropReply dropped = storage.drop(first);

        assertThat(dropped).isEqualTo(new VfsDropReply(first, 2, 1));
        // Read rather than asked with blob.missing: that would tell a writer the blob is there and so spare it.
        assertThat(storage.stored(own.digest())).isFalse();
        assertThat(storage.readAll(shared.digest(), 1024)).hasSize((int) shared.size());
        assertThat(storage.request(StorageSubjects.VFS_LIST, new VfsListRequest(first, null, 10), VfsListReply.class)
                        .files())
                .isEmpty();

        assertThat(storage.drop(second)).isEqualTo(new VfsDropReply(second, 1, 1));
        assertThat(storage.missing(shared.digest())).containsExactly(shared.digest());
        try (var c = suite.postgres().connect();
                var s = c.createStatement();
                var r = s.executeQuery("SELECT count(*) FROM storage.blob_chunk WHERE blob_key IN ('" + shared.digest()
                        + "', '" + own.digest() + "')")) {
            r.next();
            assertThat(r.getInt(1)).as("chunks left of collected blobs").isZero();
        }
    }

    @Test
    void droppingAnAbsentNamespaceIsNotAnError() throws Exception {
        String ns = namespace();
        assertThat(storage.drop(ns)).isEqualTo(new VfsDropReply(ns, 0, 0));
    }

    @Test
    void aBlobConfirmedToAWriterAfterACommitSurvivesTheDropOfThatNamespace() throws Exception {
        String ns = namespace();
        VfsFile page = file("page.html");
        storage.commit(ns, page);
        // A writer of the next version is told the blob is stored, so it will not upload it again.
        Thread.sleep(5);
        assertThat(storage.missing(page.digest())).isEmpty();

        assertThat(storage.drop(ns).blobsCollected()).isZero();

        assertThat(storage.commit(namespace(), page).files()).isEqualTo(1);
    }

    @Test
    void aCommitRacingTheDropOfTheLastNamespaceOfItsBlobNeverReferencesACollectedBlob() throws Exception {
        for (int round = 0; round < 15; round++) {
            String old = namespace();
            String next = namespace();
            VfsFile page = file("page.html");
            storage.commit(old, page);

            var drop = CompletableFuture.supplyAsync(() -> call(() -> storage.drop(old)));
            var commit = CompletableFuture.supplyAsync(() -> call(() -> storage.commit(next, page)));
            drop.join();
            Throwable commitFailure = catchThrowable(commit::join);

            if (commitFailure == null) {
                assertThat(storage.stored(page.digest()))
                        .as("round %d: committed, so stored", round)
                        .isTrue();
            } else {
                assertThat(commitFailure.getCause()).isInstanceOf(RemoteProblemException.class);
                assertThat(((RemoteProblemException) commitFailure.getCause())
                                .problem()
                                .status())
                        .isEqualTo(422);
                assertThat(storage.stored(page.digest()))
                        .as("round %d: refused, so collected", round)
                        .isFalse();
            }
        }
    }

    private static <T> T call(StorageClient.Call<T> call) {
        try {
            return StorageClient.unwrap(call);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    record HostilePath(String name, String path, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<HostilePath> hostilePaths() {
        return Stream.of(
                new HostilePath("absolute", "/etc/passwd", "relative"),
                new HostilePath("parent", "../secret", "'..' segment"),
                new HostilePath("parent inside", "a/../../b", "'..' segment"),
                new HostilePath("dot", "./index.html", "'.' segment"),
                new HostilePath("trailing dot", "a/.", "'.' segment"),
                new HostilePath("empty", "", "empty"),
                new HostilePath("empty segment", "a//b", "empty segment"),
                new HostilePath("trailing slash", "a/", "empty segment"),
                new HostilePath("backslash", "a\\..\\b", "backslash"),
                new HostilePath("nul", "index.html\u0000.png", "NUL"),
                new HostilePath("newline", "a\nb", "control character"),
                new HostilePath("lone surrogate", "a\ud800b", "UTF-8"),
                new HostilePath("too long", "a/".repeat(512) + "b", "longer than 1024"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePaths")
    void hostilePathsAreRefusedOnCommit(HostilePath hostile) throws Exception {
        VfsFile good = file("ok.txt");
        Problem problem = problemOf(
                () -> storage.commit(namespace(), good, new VfsFile(hostile.path(), good.digest(), good.size())));

        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.type()).endsWith("storage/invalid-path");
        assertThat(problem.detail()).contains("files[1].path").contains(hostile.reason());
        assertThat(problem.detail()).doesNotContain("\u0000").doesNotContain("\n");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePaths")
    void hostilePathsAreRefusedOnStat(HostilePath hostile) {
        Problem problem = problemOf(() -> storage.request(
                StorageSubjects.VFS_STAT,
                new VfsStatRequest(namespace(), List.of("ok.html", hostile.path())),
                VfsStatReply.class));
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.detail()).contains("paths[1]");
    }

    @Test
    void invalidNamespacesAreRefused() {
        for (String ns : Arrays.asList("", "Site/x", "/site", ".hidden", "site x", "a".repeat(201), null)) {
            Problem problem = problemOf(() -> storage.request(
                    StorageSubjects.VFS_COMMIT, new VfsCommitRequest(ns, List.of()), VfsCommitReply.class));
            assertThat(problem.status()).as(String.valueOf(ns)).isEqualTo(400);
            assertThat(problem.type()).endsWith("storage/invalid-namespace");
        }
    }

    @Test
    void aDropWithoutANamespaceIsRefused() {
        Problem problem = problemOf(
                () -> storage.request(StorageSubjects.VFS_DROP, new VfsDropRequest(null), VfsDropReply.class));
        assertThat(problem.status()).isEqualTo(400);
    }
}
