package fazt.deploy.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads {@code fazt.json} strictly: an unknown key is an error naming it (a typo must not silently do nothing), and
 * every value is checked: header names are tokens, values carry no line breaks, headers that would break the
 * platform's own framing or security cannot be set, redirects use a redirect status and a path or http(s) URL, env
 * names are valid {@link EnvName}s, each listed once; schedules and run policy are checked by {@link TriggersParser},
 * async entry points and intake limits by {@link IntakeParser}, mail addresses by {@link MailParser}.
 */
public final class ManifestParser {
    private static final Set<String> KEYS = Set.of(
            "name",
            "spa",
            "headers",
            "redirects",
            "env",
            "cron",
            "retry",
            "concurrency",
            "timeout",
            "async",
            "intake",
            "mail");
    private static final Set<String> REDIRECT_KEYS = Set.of("from", "to", "status");
    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    // Framing and hop-by-hop headers belong to the gateway; Set-Cookie on a static site is a session-fixation tool.
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "te",
            "trailer",
            "content-encoding",
            "content-range",
            "set-cookie",
            "host");
    private static final int MAX_RULES = 100;

    private final ObjectMapper json = new ObjectMapper();

    public Manifest parse(byte[] content) {
        JsonNode root;
        try {
            root = json.readTree(content);
        } catch (JsonProcessingException e) {
            throw new DeployException.ManifestRejected(
                    null,
                    "is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new DeployException.ManifestRejected(null, "cannot be read");
        }
        if (root == null || !root.isObject()) {
            throw new DeployException.ManifestRejected(null, "must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new DeployException.ManifestRejected(
                        key,
                        "unknown key (known: name, spa, headers, redirects, env, cron, retry,"
                                + " concurrency, timeout, async, intake, mail)");
            }
        }
        return new Manifest(
                name(root.get("name")),
                spa(root.get("spa")),
                headers(root.get("headers")),
                redirects(root.get("redirects")),
                env(root.get("env")),
                TriggersParser.cron(root.get("cron")),
                TriggersParser.runs(root.get("retry"), root.get("concurrency"), root.get("timeout")),
                IntakeParser.async(root.get("async")),
                IntakeParser.intake(root.get("intake")),
                MailParser.addresses(root.get("mail")));
    }

    private static String name(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new DeployException.ManifestRejected("name", "must be a string");
        }
        try {
            return AppName.parse(node.asText()).value();
        } catch (DeployException.InvalidAppName e) {
            throw new DeployException.ManifestRejected("name", e.getMessage());
        }
    }

    private static String spa(JsonNode node) {
        if (node == null || node.isNull() || (node.isBoolean() && !node.asBoolean())) {
            return null;
        }
        if (node.isBoolean()) {
            return "index.html";
        }
        if (node.isTextual()) {
            try {
                return BundlePath.check(
                        node.asText().startsWith("/") ? node.asText().substring(1) : node.asText());
            } catch (DeployException.BundleRejected e) {
                throw new DeployException.ManifestRejected("spa", "is not a valid file path");
            }
        }
        throw new DeployException.ManifestRejected("spa", "must be true, false or the entry file's path");
    }

    private static List<Manifest.HeaderRule> headers(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isObject()) {
            throw new DeployException.ManifestRejected("headers", "must map path patterns to objects of headers");
        }
        if (node.size() > MAX_RULES) {
            throw new DeployException.ManifestRejected("headers", "at most " + MAX_RULES + " patterns");
        }
        List<Manifest.HeaderRule> rules = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> rule = it.next();
            String pattern = rule.getKey();
            String field = "headers." + pattern;
            if (!pattern.startsWith("/")) {
                throw new DeployException.ManifestRejected(field, "path patterns start with /");
            }
            if (!rule.getValue().isObject()) {
                throw new DeployException.ManifestRejected(field, "must be an object of header names to values");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> h = rule.getValue().fields(); h.hasNext(); ) {
                Map.Entry<String, JsonNode> header = h.next();
                String name = header.getKey();
                if (!HEADER_NAME.matcher(name).matches()) {
                    throw new DeployException.ManifestRejected(field + "." + name, "is not a valid header name");
                }
                if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    throw new DeployException.ManifestRejected(
                            field + "." + name, "is set by fazt and cannot be overridden");
                }
                if (!header.getValue().isTextual()
                        || header.getValue().asText().matches("(?s).*[\\r\\n\\x00].*")
                        || header.getValue().asText().length() > 4096) {
                    throw new DeployException.ManifestRejected(
                            field + "." + name, "must be a string without line breaks, at most 4096 characters");
                }
                headers.put(name, header.getValue().asText());
            }
            rules.add(new Manifest.HeaderRule(pattern, headers));
        }
        return rules;
    }

    private static List<Manifest.Redirect> redirects(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DeployException.ManifestRejected("redirects", "must be a list of {from, to, status}");
        }
        if (node.size() > MAX_RULES) {
            throw new DeployException.ManifestRejected("redirects", "at most " + MAX_RULES + " redirects");
        }
        List<Manifest.Redirect> redirects = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode r = node.get(i);
            String field = "redirects[" + i + "]";
            if (!r.isObject()) {
                throw new DeployException.ManifestRejected(field, "must be an object {from, to, status}");
            }
            for (Iterator<String> it = r.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!REDIRECT_KEYS.contains(key)) {
                    throw new DeployException.ManifestRejected(
                            field + "." + key, "unknown key (known: from, to, status)");
                }
            }
            String from = r.path("from").asText("");
            String to = r.path("to").asText("");
            if (!from.startsWith("/") || from.matches("(?s).*[\\s\\x00].*")) {
                throw new DeployException.ManifestRejected(field + ".from", "must be a path starting with /");
            }
            if (!(to.startsWith("/") && !to.startsWith("//")) && !to.matches("https?://[^\\s]+")
                    || to.matches("(?s).*[\\s\\x00].*")) {
                throw new DeployException.ManifestRejected(
                        field + ".to", "must be a path starting with / or an http(s) URL");
            }
            int status = r.has("status") ? r.get("status").asInt(-1) : 301;
            if (!REDIRECT_STATUSES.contains(status)) {
                throw new DeployException.ManifestRejected(field + ".status", "must be 301, 302, 303, 307 or 308");
            }
            redirects.add(new Manifest.Redirect(from, to, status));
        }
        return redirects;
    }

    private static List<String> env(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DeployException.ManifestRejected("env", "must be a list of env var names, e.g. [\"API_KEY\"]");
        }
        if (node.size() > ManageEnv.MAX_VARS) {
            throw new DeployException.ManifestRejected("env", "at most " + ManageEnv.MAX_VARS + " names");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "env[" + i + "]";
            JsonNode name = node.get(i);
            if (!name.isTextual()) {
                throw new DeployException.ManifestRejected(field, "must be a string");
            }
            String problem = EnvName.problem(name.asText());
            if (problem != null) {
                throw new DeployException.ManifestRejected(field, problem);
            }
            if (names.contains(name.asText())) {
                throw new DeployException.ManifestRejected(field, "\"" + name.asText() + "\" is listed twice");
            }
            names.add(name.asText());
        }
        return names;
    }
}
