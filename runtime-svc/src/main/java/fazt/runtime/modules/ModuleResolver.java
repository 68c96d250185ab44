package fazt.runtime.modules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Node's module resolution over {@link ModuleSources}, for both {@code import} and {@code require()}: relative paths
 * ({@code ./}, {@code ../}) against the importing file's directory, extension probing ({@code .js .mjs .cjs .json}),
 * directory {@code index} files, and bare names of the standard library through their {@code package.json}
 * ({@code exports} with conditions {@code browser}, {@code import}/{@code require}, {@code default}; else
 * {@code main}). It also decides whether a file is an ES module or CommonJS.
 */
public final class ModuleResolver {
    /** How the file is being loaded; it selects the {@code exports} condition. */
    public enum Mode {
        IMPORT,
        REQUIRE
    }

    private static final List<String> EXTENSIONS = List.of(".js", ".mjs", ".cjs", ".json");
    private static final List<String> INDEXES = List.of("index.js", "index.mjs", "index.cjs", "index.json");
    private static final Set<String> IMPORT_CONDITIONS = Set.of("browser", "import", "module", "default");
    private static final Set<String> REQUIRE_CONDITIONS = Set.of("browser", "require", "default");
    /** ES modules import lodash's own ES build, so that named imports ({@code import {chunk} from "lodash"}) work. */
    private static final Map<String, String> IMPORT_ALIASES = Map.of("lodash", "lodash-es");
    /** A top-level import or export statement: what makes an app's {@code .js} file an ES module. */
    private static final Pattern ESM_SYNTAX = Pattern.compile(
            "(?m)^\\s*(?:import\\s*(?:[\\w$*{]|[\"'])|export\\s+(?:default\\b|const\\b|let\\b|var\\b|function\\b|async\\b|class\\b|\\{|\\*))");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ModuleSources sources;

    public ModuleResolver(ModuleSources sources) {
        this.sources = sources;
    }

    /**
     * The absolute path of the file {@code specifier} names when imported from a file in {@code fromDir}, or empty
     * when there is none (Node's "Cannot find module").
     */
    public Optional<String> resolve(String fromDir, String specifier, Mode mode) {
        if (specifier == null || specifier.isEmpty()) {
            return Optional.empty();
        }
        if (specifier.startsWith("/")) {
            return resolvePath(normalize(specifier));
        }
        if (specifier.equals(".")
                || specifier.equals("..")
                || specifier.startsWith("./")
                || specifier.startsWith("../")) {
            return resolvePath(normalize(fromDir + "/" + specifier));
        }
        return resolveBare(specifier, mode);
    }

    /** Resolves an absolute path as a file, then with an extension, then as a directory. */
    public Optional<String> resolvePath(String path) {
        if (sources.isFile(path)) {
            return Optional.of(path);
        }
        for (String extension : EXTENSIONS) {
            if (sources.isFile(path + extension)) {
                return Optional.of(path + extension);
            }
        }
        if (sources.isDirectory(path)) {
            Optional<JsonNode> manifest = packageJson(path);
            if (manifest.isPresent() && manifest.get().path("main").isTextual()) {
                String main = normalize(path + "/" + manifest.get().path("main").asText());
                if (!main.equals(path)) {
                    Optional<String> found = resolvePath(main);
                    if (found.isPresent()) {
                        return found;
                    }
                }
            }
            for (String index : INDEXES) {
                if (sources.isFile(path + "/" + index)) {
                    return Optional.of(path + "/" + index);
                }
            }
        }
        return Optional.empty();
    }

    private Optional<String> resolveBare(String specifier, Mode mode) {
        int slash = specifier.indexOf('/');
        if (specifier.startsWith("@") && slash > 0) {
            slash = specifier.indexOf('/', slash + 1);
        }
        String name = slash < 0 ? specifier : specifier.substring(0, slash);
        String subpath = slash < 0 ? "." : "." + specifier.substring(slash);
        if (mode == Mode.IMPORT) {
            name = IMPORT_ALIASES.getOrDefault(name, name);
        }
        if (name.contains("..") || name.contains(":")) {
            return Optional.empty();
        }
        String packageDir = ModuleSources.STDLIB_ROOT + name;
        if (!sources.isDirectory(packageDir)) {
            return Optional.empty();
        }
        Optional<JsonNode> manifest = packageJson(packageDir);
        JsonNode exports = manifest.map(m -> m.get("exports")).orElse(null);
        if (exports != null && !exports.isNull()) {
            Set<String> conditions = mode == Mode.IMPORT ? IMPORT_CONDITIONS : REQUIRE_CONDITIONS;
            String target = exportTarget(exports, subpath, conditions);
            return target == null ? Optional.empty() : resolvePath(normalize(packageDir + "/" + target));
        }
        return resolvePath(subpath.equals(".") ? packageDir : normalize(packageDir + "/" + subpath));
    }

    /** The target of {@code subpath} in a package's {@code exports} field (with {@code *} patterns), or null. */
    static String exportTarget(JsonNode exports, String subpath, Set<String> conditions) {
        boolean subpathKeyed = exports.isObject()
                && exports.fieldNames().hasNext()
                && exports.fieldNames().next().startsWith(".");
        if (!subpathKeyed) {
            return subpath.equals(".") ? conditionalTarget(exports, conditions, null) : null;
        }
        JsonNode exact = exports.get(subpath);
        if (exact != null) {
            return conditionalTarget(exact, conditions, null);
        }
        for (Iterator<String> keys = exports.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            int star = key.indexOf('*');
            if (star < 0) {
                continue;
            }
            String prefix = key.substring(0, star);
            String suffix = key.substring(star + 1);
            if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length() >= key.length() - 1) {
                String matched = subpath.substring(prefix.length(), subpath.length() - suffix.length());
                return conditionalTarget(exports.get(key), conditions, matched);
            }
        }
        return null;
    }

    private static String conditionalTarget(JsonNode target, Set<String> conditions, String star) {
        if (target == null || target.isNull()) {
            return null;
        }
        if (target.isTextual()) {
            return star == null ? target.asText() : target.asText().replace("*", star);
        }
        if (target.isArray()) {
            for (JsonNode candidate : target) {
                String found = conditionalTarget(candidate, conditions, star);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        // Conditions apply in the object's own key order, as in Node.
        for (Iterator<Map.Entry<String, JsonNode>> fields = target.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (conditions.contains(field.getKey())) {
                String found = conditionalTarget(field.getValue(), conditions, star);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Whether the file is an ES module: {@code .mjs} is, {@code .cjs} and {@code .json} are not; a {@code .js} file of
     * the standard library follows the nearest {@code package.json}'s {@code type}; an app's {@code .js} file is an ES
     * module when it has a top-level {@code import} or {@code export} statement (apps ship no package.json).
     */
    public boolean isEsm(String path) {
        if (path.endsWith(".mjs")) {
            return true;
        }
        if (path.endsWith(".cjs") || path.endsWith(".json")) {
            return false;
        }
        if (path.startsWith(ModuleSources.STDLIB_ROOT)) {
            for (String dir = parent(path); dir.length() > ModuleSources.STDLIB_ROOT.length() - 1; dir = parent(dir)) {
                Optional<JsonNode> manifest = packageJson(dir);
                if (manifest.isPresent() && manifest.get().path("type").isTextual()) {
                    return manifest.get().path("type").asText().equals("module");
                }
            }
            return false;
        }
        return sources.read(path)
                .map(bytes -> ESM_SYNTAX
                        .matcher(new String(bytes, StandardCharsets.UTF_8))
                        .find())
                .orElse(false);
    }

    private Optional<JsonNode> packageJson(String dir) {
        return sources.read(dir + "/package.json").flatMap(bytes -> {
            try {
                return Optional.of(JSON.readTree(bytes));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** The directory of a file path ({@code /} for a top-level file). */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** Resolves {@code .} and {@code ..} segments; {@code ..} never climbs above the root. */
    public static String normalize(String path) {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
