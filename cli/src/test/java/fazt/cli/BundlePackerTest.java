package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundlePackerTest {
    @TempDir
    Path temp;

    @Test
    void packsEveryFileBelowTheDirectoryWithSlashPathsInSortedOrder() throws IOException {
        Path site = temp.resolve("site");
        write(site.resolve("index.html"), "<h1>hi</h1>");
        write(site.resolve("css/site.css"), "body{}");
        write(site.resolve("node_modules/lib/x.js"), "x");
        write(site.resolve("a/b/c/deep.txt"), "deep");
        Files.createDirectories(site.resolve("empty"));

        BundlePacker.Bundle bundle = BundlePacker.pack(site, temp.resolve("out.zip"), warning -> {});

        assertThat(entries(bundle.zip()))
                .containsExactly(
                        Map.entry("a/b/c/deep.txt", "deep"), Map.entry("css/site.css", "body{}"),
                        Map.entry("index.html", "<h1>hi</h1>"), Map.entry("node_modules/lib/x.js", "x"));
        assertThat(bundle.files()).isEqualTo(4);
        assertThat(bundle.bytes()).isEqualTo(11 + 6 + 1 + 4);
    }

    @Test
    void leavesOutGitTheIgnoreFileAndWhatItLists() throws IOException {
        Path site = temp.resolve("site");
        write(site.resolve(".faztignore"), "# build output\n*.map\n/drafts/\n!keep.map\n");
        write(site.resolve(".git/config"), "[core]");
        write(site.resolve("index.html"), "hi");
        write(site.resolve("app.js.map"), "{}");
        write(site.resolve("keep.map"), "{}");
        write(site.resolve("drafts/post.md"), "wip");
        write(site.resolve("blog/drafts/post.md"), "kept: /drafts/ is anchored");

        BundlePacker.Bundle bundle = BundlePacker.pack(site, temp.resolve("out.zip"), warning -> {});

        assertThat(entries(bundle.zip())).containsOnlyKeys("blog/drafts/post.md", "index.html", "keep.map");
    }

    @Test
    void neverFollowsLinksAndSkipsThoseLeavingTheDirectory() throws IOException {
        Path site = temp.resolve("site");
        write(site.resolve("index.html"), "home");
        write(site.resolve("assets/logo.svg"), "<svg/>");
        write(temp.resolve("secret.txt"), "do not ship");
        Files.createSymbolicLink(site.resolve("home.html"), Path.of("index.html"));
        Files.createSymbolicLink(site.resolve("leak.txt"), temp.resolve("secret.txt"));
        Files.createSymbolicLink(site.resolve("up"), Path.of(".."));
        Files.createSymbolicLink(site.resolve("assets-again"), Path.of("assets"));
        Files.createSymbolicLink(site.resolve("dangling"), Path.of("nowhere"));
        List<String> warnings = new ArrayList<>();

        BundlePacker.Bundle bundle = BundlePacker.pack(site, temp.resolve("out.zip"), warnings::add);

        assertThat(entries(bundle.zip()))
                .containsExactly(
                        Map.entry("assets/logo.svg", "<svg/>"),
                        Map.entry("home.html", "home"),
                        Map.entry("index.html", "home"));
        assertThat(warnings)
                .hasSize(4)
                .anySatisfy(w -> assertThat(w)
                        .startsWith("skipping leak.txt: a symbolic link to")
                        .contains("outside"))
                .anySatisfy(w -> assertThat(w)
                        .startsWith("skipping up: a symbolic link to")
                        .contains("outside"))
                .anySatisfy(w -> assertThat(w).startsWith("skipping assets-again: a symbolic link to a directory"))
                .anySatisfy(w -> assertThat(w).startsWith("skipping dangling: a broken symbolic link"));
    }

    @Test
    void anIgnoredLinkIsSkippedWithoutAWarning() throws IOException {
        Path site = temp.resolve("site");
        write(site.resolve(".faztignore"), "leak.txt\n");
        write(site.resolve("index.html"), "home");
        write(temp.resolve("secret.txt"), "x");
        Files.createSymbolicLink(site.resolve("leak.txt"), temp.resolve("secret.txt"));
        List<String> warnings = new ArrayList<>();

        BundlePacker.pack(site, temp.resolve("out.zip"), warnings::add);

        assertThat(warnings).isEmpty();
    }

    static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    static Map<String, String> entries(Path zip) throws IOException {
        return entries(Files.newInputStream(zip));
    }

    static Map<String, String> entries(InputStream zip) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(zip)) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return entries;
    }
}
