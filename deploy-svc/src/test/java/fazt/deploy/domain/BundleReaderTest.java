package fazt.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BundleReaderTest {
    @TempDir
    Path dir;

    @TempDir
    Path work;

    private BundleReader reader;

    @BeforeEach
    void reader() {
        reader = new BundleReader(new BundleLimits(100L << 20, 5, 1L << 20, 100, 64 * 1024), work);
    }

    interface Writer {
        void write(ZipArchiveOutputStream zip) throws IOException;
    }

    interface TarWriter {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private Path zip(Writer writer) throws IOException {
        Path file = Files.createTempFile(dir, "b", ".zip");
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file.toFile())) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            writer.write(zip);
        }
        return file;
    }

    private Path tarGz(TarWriter writer) throws IOException {
        Path file = Files.createTempFile(dir, "b", ".tar.gz");
        try (OutputStream out = Files.newOutputStream(file);
                GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            writer.write(tar);
        }
        return file;
    }

    static void file(ZipArchiveOutputStream zip, String name, byte[] content) throws IOException {
        zip.putArchiveEntry(new ZipArchiveEntry(name));
        zip.write(content);
        zip.closeArchiveEntry();
    }

    static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsAZipWithDigestsAndSkipsDirectories() throws IOException {
        Path bundle = zip(z -> {
            z.putArchiveEntry(new ZipArchiveEntry("docs/"));
            z.closeArchiveEntry();
            file(z, "index.html", text("<h1>hi</h1>"));
            file(z, "docs/a.txt", text("a"));
        });
        try (ExtractedBundle b = reader.read(bundle)) {
            assertThat(b.files()).extracting(BundleFile::path).containsExactly("index.html", "docs/a.txt");
            assertThat(b.file("docs/a.txt").orElseThrow().digest())
                    .isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
            assertThat(b.totalBytes()).isEqualTo(12);
        }
    }

    @Test
    void readsATarGzAndDropsLeadingDotSlash() throws IOException {
        Path bundle = tarGz(t -> file(t, "./site/index.html", text("x")));
        try (ExtractedBundle b = reader.read(bundle)) {
            assertThat(b.files()).extracting(BundleFile::path).containsExactly("site/index.html");
        }
    }

    record Hostile(String name, String expected, Writer zip, TarWriter tar) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Hostile> hostile() {
        byte[] zeros = new byte[200 * 1024];
        return Stream.of(
                new Hostile(
                        "zip slip",
                        "../evil.sh: \"..\" would escape the site (zip slip)",
                        z -> file(z, "../evil.sh", text("x")),
                        null),
                new Hostile(
                        "nested zip slip",
                        "a/../../b: \"..\" would escape the site (zip slip)",
                        z -> file(z, "a/../../b", text("x")),
                        null),
                new Hostile(
                        "absolute",
                        "/etc/passwd: absolute paths are not allowed",
                        z -> file(z, "/etc/passwd", text("x")),
                        null),
                new Hostile(
                        "backslash",
                        "a\\b.txt: backslashes and control characters are not allowed",
                        null,
                        t -> file(t, "a\\b.txt", text("x"))),
                new Hostile(
                        "duplicate",
                        "a.txt: appears twice in the bundle",
                        z -> {
                            file(z, "a.txt", text("x"));
                            file(z, "./a.txt", text("y"));
                        },
                        null),
                new Hostile(
                        "zip symlink",
                        "link: symbolic links are not allowed",
                        z -> {
                            ZipArchiveEntry e = new ZipArchiveEntry("link");
                            e.setUnixMode(0120777);
                            z.putArchiveEntry(e);
                            z.write(text("/etc/passwd"));
                            z.closeArchiveEntry();
                        },
                        null),
                new Hostile(
                        "too many files",
                        "f5: the bundle has more than 5 files",
                        z -> {
                            for (int i = 0; i <= 5; i++) {
                                file(z, "f" + i, text("x" + i));
                            }
                        },
                        null),
                new Hostile(
                        "expanded too big",
                        "big: the expanded bundle exceeds 1 MB",
                        z -> file(z, "big", random(2 << 20)),
                        null),
                new Hostile(
                        "zip bomb ratio",
                        "bomb: expands more than 100 times its compressed size; this looks like a zip bomb",
                        z -> file(z, "bomb", zeros),
                        null),
                new Hostile("tar symlink", "link: symbolic and hard links are not allowed", null, t -> {
                    TarArchiveEntry e = new TarArchiveEntry("link", TarArchiveEntry.LF_SYMLINK);
                    e.setLinkName("/etc/passwd");
                    t.putArchiveEntry(e);
                    t.closeArchiveEntry();
                }),
                new Hostile("tar device", "dev: device files and other special entries are not allowed", null, t -> {
                    TarArchiveEntry e = new TarArchiveEntry("dev", TarArchiveEntry.LF_CHR);
                    t.putArchiveEntry(e);
                    t.closeArchiveEntry();
                }),
                new Hostile("tar hard link", "hard: symbolic and hard links are not allowed", null, t -> {
                    TarArchiveEntry e = new TarArchiveEntry("hard", TarArchiveEntry.LF_LINK);
                    e.setLinkName("index.html");
                    t.putArchiveEntry(e);
                    t.closeArchiveEntry();
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostile")
    void hostileBundlesAreRejectedNamingTheEntry(Hostile h) throws IOException {
        Path bundle = h.zip() != null ? zip(h.zip()) : tarGz(h.tar());
        assertThatThrownBy(() -> reader.read(bundle))
                .isInstanceOf(DeployException.BundleRejected.class)
                .hasMessage(h.expected());
        // Nothing is left behind in the temporary directory of a rejected bundle.
        try (var leftovers = Files.list(work)) {
            assertThat(leftovers).isEmpty();
        }
    }

    @Test
    void somethingThatIsNotAnArchiveIsRefused() throws IOException {
        Path junk = Files.writeString(dir.resolve("junk"), "hello");
        assertThatThrownBy(() -> reader.read(junk)).hasMessage("The upload is not a zip or tar.gz archive.");
    }

    @Test
    void aTruncatedArchiveIsRefused() throws IOException {
        Path good = tarGz(t -> file(t, "a.txt", new byte[50_000]));
        byte[] bytes = Files.readAllBytes(good);
        Path cut = Files.write(dir.resolve("cut.tar.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> reader.read(cut))
                .isInstanceOf(DeployException.BundleRejected.class)
                .hasMessageContaining("damaged or truncated");
    }

    @Test
    void anEmptyBundleIsRefused() throws IOException {
        Path empty = zip(z -> {
            z.putArchiveEntry(new ZipArchiveEntry("dir/"));
            z.closeArchiveEntry();
        });
        assertThatThrownBy(() -> reader.read(empty)).hasMessage("The bundle holds no files.");
    }

    @Test
    void namesThatAreNotUtf8AreRefused() throws IOException {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Path bundle = zip(z -> {
            z.setEncoding("ISO-8859-1");
            z.setUseLanguageEncodingFlag(false);
            file(z, "caf\u00e9.html", text("x"));
        });
        assertThatThrownBy(() -> reader.read(bundle)).hasMessageContaining("the name is not valid UTF-8");
    }
}
