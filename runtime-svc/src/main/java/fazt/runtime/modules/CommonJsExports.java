package fazt.runtime.modules;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a CommonJS module exports, found without running it (as Node's cjs-module-lexer does, in a smaller
 * way): {@code exports.x =}, {@code module.exports.x =}, {@code Object.defineProperty(exports, "x", ...)} and the
 * shorthand keys of {@code module.exports = { a, b: ... }}. An ES module importing a CommonJS file gets these as named
 * exports, beside {@code default} (the whole {@code module.exports}); names set in other ways are reachable only
 * through {@code default}.
 */
public final class CommonJsExports {
    private static final Pattern ASSIGNED = Pattern.compile("(?:module\\.)?exports\\.([A-Za-z_$][\\w$]*)\\s*=[^=]");
    private static final Pattern DEFINED = Pattern.compile(
            "Object\\.defineProperty\\(\\s*(?:module\\.)?exports\\s*,\\s*[\"']([A-Za-z_$][\\w$]*)[\"']");
    private static final Pattern OBJECT_LITERAL = Pattern.compile("module\\.exports\\s*=\\s*\\{([^{}]*)\\}");
    private static final Pattern LITERAL_KEY = Pattern.compile("(?:^|,)\\s*([A-Za-z_$][\\w$]*)\\s*(?=[,:(]|$)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Set<String> RESERVED = Set.of(
            "default",
            "__esModule",
            "await",
            "break",
            "case",
            "catch",
            "class",
            "const",
            "continue",
            "debugger",
            "delete",
            "do",
            "else",
            "enum",
            "export",
            "extends",
            "false",
            "finally",
            "for",
            "function",
            "if",
            "import",
            "in",
            "instanceof",
            "new",
            "null",
            "return",
            "super",
            "switch",
            "this",
            "throw",
            "true",
            "try",
            "typeof",
            "var",
            "void",
            "while",
            "with",
            "yield",
            "let",
            "static",
            "implements",
            "interface",
            "package",
            "private",
            "protected",
            "public",
            "arguments",
            "eval");

    private CommonJsExports() {}

    /** Export names usable as ES binding names, in order of first appearance. */
    public static Set<String> names(String source) {
        Set<String> names = new LinkedHashSet<>();
        collect(ASSIGNED.matcher(source), names);
        collect(DEFINED.matcher(source), names);
        Matcher literal = OBJECT_LITERAL.matcher(source);
        while (literal.find()) {
            Matcher key = LITERAL_KEY.matcher(literal.group(1));
            while (key.find()) {
                add(key.group(1), names);
            }
        }
        return names;
    }

    /**
     * The ES module text that stands for a CommonJS file when an ES module imports it; it gets the CommonJS loader
     * from the module at {@code loaderPath} (see {@code ModuleFileSystem.LOADER_SOURCE}).
     */
    public static String esmWrapper(String absolutePath, String source, String loaderPath) {
        StringBuilder wrapper = new StringBuilder()
                .append("import { requireAbsolute } from ")
                .append(jsString(loaderPath))
                .append(";\nconst m = requireAbsolute(")
                .append(jsString(absolutePath))
                .append(");\nexport default m;\n");
        for (String name : names(source)) {
            wrapper.append("export const ")
                    .append(name)
                    .append(" = m == null ? undefined : m.")
                    .append(name)
                    .append(";\n");
        }
        return wrapper.toString();
    }

    private static void collect(Matcher matcher, Set<String> names) {
        while (matcher.find()) {
            add(matcher.group(1), names);
        }
    }

    private static void add(String name, Set<String> names) {
        if (IDENTIFIER.matcher(name).matches() && !RESERVED.contains(name)) {
            names.add(name);
        }
    }

    static String jsString(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
