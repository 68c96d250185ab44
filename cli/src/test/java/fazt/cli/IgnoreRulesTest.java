package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IgnoreRulesTest {
    /** {@code rules}: the .faztignore lines, separated by {@code |}; {@code path}: ends in / for a directory. */
    record Case(String rules, String path, boolean ignored) {
        @Override
        public String toString() {
            return "[" + rules + "] " + path + " -> " + (ignored ? "ignored" : "kept");
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                // no rules: everything ships, node_modules included, except the fixed ones
                new Case("", "index.html", false),
                new Case("", "node_modules/lib/x.js", false),
                new Case("", ".git/", true),
                new Case("", ".git/config", true),
                new Case("", "vendor/lib/.git", true),
                new Case("", ".faztignore", true),
                new Case("", "docs/.faztignore", false),
                new Case("!.git", ".git/HEAD", true),
                // comments, blank lines, escapes, trailing spaces
                new Case("# a comment||", "# a comment", false),
                new Case("\\#notes", "#notes", true),
                new Case("\\!important", "!important", true),
                new Case("draft.md   ", "draft.md", true),
                new Case("draft.md\r", "draft.md", true),
                // * and ? stay within one segment, and unanchored patterns match at any depth
                new Case("*.log", "debug.log", true),
                new Case("*.log", "logs/deep/debug.log", true),
                new Case("*.log", "debug.log.txt", false),
                new Case("?.txt", "a.txt", true),
                new Case("?.txt", "ab.txt", false),
                new Case("[abc].txt", "b.txt", true),
                new Case("[abc].txt", "d.txt", false),
                new Case("[!abc].txt", "d.txt", true),
                new Case("[a-c]x", "bx", true),
                new Case("doc/*.txt", "doc/a.txt", true),
                new Case("doc/*.txt", "doc/sub/a.txt", false),
                new Case("doc/*.txt", "other/doc/a.txt", false),
                // a leading / anchors to the root
                new Case("/build", "build", true),
                new Case("/build", "build/", true),
                new Case("/build", "src/build", false),
                new Case("/build", "build/app.js", true),
                // a trailing / matches directories only, and then everything inside them
                new Case("build/", "build/", true),
                new Case("build/", "build", false),
                new Case("build/", "src/build/", true),
                new Case("build/", "src/build/out.js", true),
                new Case("src/tmp/", "src/tmp/x", true),
                new Case("src/tmp/", "other/src/tmp/x", false),
                // **
                new Case("**/cache", "cache", true),
                new Case("**/cache", "a/b/cache", true),
                new Case("**/cache/x", "a/cache/x", true),
                new Case("a/**/b", "a/b", true),
                new Case("a/**/b", "a/x/y/b", true),
                new Case("a/**/b", "ab", false),
                new Case("abc/**", "abc/x", true),
                new Case("abc/**", "abc/x/y", true),
                new Case("abc/**", "abc/", false),
                new Case("abc/**", "abc", false),
                new Case("a**z", "abcz", true),
                new Case("a**z", "ab/cz", false),
                // ! re-includes, the last matching rule wins, an excluded directory's files stay out
                new Case("*.log|!keep.log", "keep.log", false),
                new Case("*.log|!keep.log", "other.log", true),
                new Case("!keep.log|*.log", "keep.log", true),
                new Case("logs/|!logs/keep.log", "logs/keep.log", true),
                new Case("logs/*|!logs/keep.log", "logs/keep.log", false),
                new Case("*|!*/|!*.html", "a/b/index.html", false),
                new Case("*|!*/|!*.html", "a/b/app.js", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesLikeGitignore(Case c) {
        IgnoreRules rules = IgnoreRules.parse(List.of(c.rules().split("\\|", -1)));
        boolean directory = c.path().endsWith("/");
        String path = directory ? c.path().substring(0, c.path().length() - 1) : c.path();
        assertThat(rules.ignored(path, directory)).isEqualTo(c.ignored());
    }
}
