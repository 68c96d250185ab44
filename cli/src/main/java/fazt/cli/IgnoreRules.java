package fazt.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which files of a directory stay out of a bundle: the rules of its {@code .faztignore}, in gitignore syntax
 * (comments, blank lines, {@code *}, {@code **}, {@code ?}, {@code [abc]}, a leading {@code /} anchors, a trailing
 * {@code /} matches directories only, {@code !} re-includes), plus two fixed ones: {@code .git} at any depth and the
 * top-level {@code .faztignore} never ship. As in git, the last matching rule wins, and a file inside an excluded
 * directory cannot be re-included. {@code node_modules/} is not skipped by default: a site may serve from it.
 */
final class IgnoreRules {
    static final String FILE = ".faztignore";

    private record Rule(Pattern regex, boolean negated, boolean directoryOnly) {}

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = rules;
    }

    /** The rules of {@code dir/.faztignore}, or only the fixed ones when there is none. */
    static IgnoreRules load(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return parse(List.of());
        }
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    static IgnoreRules parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            Rule rule = rule(raw);
            if (rule != null) {
                rules.add(rule);
            }
        }
        return new IgnoreRules(List.copyOf(rules));
    }

    /**
     * Whether {@code path} (relative to the bundle root, {@code /}-separated, no leading slash) is left out.
     * {@code directory} says whether it names a directory, for rules ending in {@code /}.
     */
    boolean ignored(String path, boolean directory) {
        if (path.equals(FILE)) {
            return true;
        }
        String[] segments = path.split("/");
        for (String segment : segments) {
            if (segment.equals(".git")) {
                return true;
            }
        }
        // An excluded parent excludes everything below it, whatever later rules say (git does the same: it never
        // looks inside an excluded directory).
        int end = -1;
        while ((end = path.indexOf('/', end + 1)) > 0) {
            if (matches(path.substring(0, end), true)) {
                return true;
            }
        }
        return matches(path, directory);
    }

    private boolean matches(String path, boolean directory) {
        boolean ignored = false;
        for (Rule rule : rules) {
            if ((directory || !rule.directoryOnly())
                    && rule.regex().matcher(path).matches()) {
                ignored = !rule.negated();
            }
        }
        return ignored;
    }

    private static Rule rule(String raw) {
        String line = stripTrailingSpaces(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw);
        if (line.isEmpty() || line.startsWith("#")) {
            return null;
        }
        boolean negated = line.startsWith("!");
        if (negated) {
            line = line.substring(1);
        }
        boolean directoryOnly = line.endsWith("/") && !line.endsWith("\\/");
        if (directoryOnly) {
            line = line.replaceAll("/+$", "");
        }
        // A slash at the start or in the middle ties the pattern to the root; otherwise it matches at any depth.
        boolean anchored = line.indexOf('/') >= 0;
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        if (line.isEmpty()) {
            return null;
        }
        return new Rule(Pattern.compile((anchored ? "" : "(?:.*/)?") + glob(line)), negated, directoryOnly);
    }

    /** Translates one gitignore glob to a regular expression over a whole path. */
    private static String glob(String glob) {
        StringBuilder regex = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    boolean doubled = i + 1 < n && glob.charAt(i + 1) == '*';
                    boolean segmentStart = i == 0 || glob.charAt(i - 1) == '/';
                    int after = doubled ? i + 2 : i + 1;
                    if (doubled && segmentStart && after < n && glob.charAt(after) == '/') {
                        regex.append("(?:.*/)?"); // "**/": zero or more directories
                        i = after;
                    } else if (doubled && segmentStart && after == n) {
                        regex.append(".*"); // "/**" at the end: everything inside
                        i = after - 1;
                    } else {
                        regex.append("[^/]*"); // "*", and any other "**", which git reads as "*"
                        i = after - 1;
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = classEnd(glob, i);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        regex.append(characterClass(glob.substring(i + 1, close)));
                        i = close;
                    }
                }
                case '\\' -> {
                    if (i + 1 < n) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }

    private static int classEnd(String glob, int open) {
        int i = open + 1;
        if (i < glob.length() && (glob.charAt(i) == '!' || glob.charAt(i) == '^')) {
            i++;
        }
        if (i < glob.length() && glob.charAt(i) == ']') {
            i++; // "[]abc]": a leading ] is a member
        }
        return glob.indexOf(']', i);
    }

    /** {@code [a-z]} and {@code [!a-z]}; members other than letters, digits and ranges are matched literally. */
    private static String characterClass(String body) {
        boolean negated = !body.isEmpty() && (body.charAt(0) == '!' || body.charAt(0) == '^');
        StringBuilder members = new StringBuilder();
        for (int i = negated ? 1 : 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '/') {
                continue; // a class never matches the separator
            }
            boolean range = c == '-' && i > (negated ? 1 : 0) && i < body.length() - 1;
            // A backslash before any non-letter is a literal in java.util.regex, so that is the safe default.
            members.append(range || Character.isLetterOrDigit(c) ? String.valueOf(c) : "\\" + c);
        }
        if (negated) {
            return "[^/" + members + "]";
        }
        return members.isEmpty() ? "(?!)" : "[" + members + "]";
    }

    private static String stripTrailingSpaces(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ' && !(end > 1 && line.charAt(end - 2) == '\\')) {
            end--;
        }
        return line.substring(0, end);
    }
}
