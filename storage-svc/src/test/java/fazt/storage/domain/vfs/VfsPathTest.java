package fazt.storage.domain.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.storage.domain.StorageException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class VfsPathTest {
    record Case(String name, String path, String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> invalid() {
        return Stream.of(
                new Case("null", null, "it is empty"),
                new Case("empty", "", "it is empty"),
                new Case("absolute", "/index.html", "relative"),
                new Case("parent", "..", "'..' segment"),
                new Case("parent prefix", "../a", "'..' segment"),
                new Case("parent inside", "a/../b", "'..' segment"),
                new Case("parent at end", "a/..", "'..' segment"),
                new Case("current", "./a", "'.' segment"),
                new Case("current inside", "a/./b", "'.' segment"),
                new Case("double slash", "a//b", "empty segment"),
                new Case("trailing slash", "a/", "empty segment"),
                new Case("backslash", "a\\b", "backslash"),
                new Case("windows traversal", "..\\..\\x", "backslash"),
                new Case("nul", "a\u0000", "NUL"),
                new Case("tab", "a\tb", "control character"),
                new Case("delete", "a\u007fb", "control character"),
                new Case("lone high surrogate", "a\ud83d", "UTF-8"),
                new Case("lone low surrogate", "\ude00a", "UTF-8"),
                new Case("1025 characters", "x".repeat(1025), "longer than 1024"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithTheReasonAndTheField(Case c) {
        assertThatThrownBy(() -> VfsPath.of("files[3].path", c.path()))
                .isInstanceOf(StorageException.InvalidPath.class)
                .hasMessageContaining("files[3].path")
                .hasMessageContaining(c.message())
                .satisfies(e ->
                        assertThat(((StorageException.InvalidPath) e).field()).isEqualTo("files[3].path"));
        assertThatThrownBy(() -> new VfsPath(c.path())).isInstanceOf(StorageException.InvalidPath.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "index.html",
                "a/b/c.txt",
                "..a",
                "a..",
                "...",
                ".well-known/x",
                "a/.htaccess",
                "名前/ファイル.txt",
                "emoji-😀.png",
                "with space.txt",
                "a:b",
                "%2e%2e/x"
            })
    void acceptsOrdinaryRelativePaths(String path) {
        assertThat(VfsPath.of("path", path).value()).isEqualTo(path);
    }

    @Test
    void acceptsExactly1024Characters() {
        assertThat(new VfsPath("y".repeat(1024)).value()).hasSize(1024);
    }

    @Test
    void messagesShowControlCharactersEscapedAndLongValuesCut() {
        assertThatThrownBy(() -> new VfsPath("a\u0000b"))
                .hasMessageContaining("\"a\\u0000b\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\u0000"));
        assertThatThrownBy(() -> new VfsPath("z".repeat(2000)))
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).contains("…"));
    }
}
