package fazt.deploy.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what an app accepts from outside without authentication: {@code async}, the paths under {@code /api/} that
 * {@code POST /_fazt/async/<path>} may queue (none unless listed), and {@code intake}
 * ({@code {perMinute, burst, maxStored}}), the rate and stored-payload limits its async requests and webhook
 * deliveries share. A path pattern is a path below {@code /api/} without that prefix, made of segments separated by
 * {@code /}; {@code *} matches any characters within one segment, and {@code **}, as the whole last segment, one or
 * more further segments ({@code "**"} alone: every path).
 */
final class IntakeParser {
    static final int MAX_PATTERNS = 50;
    static final int MAX_PATTERN = 200;
    static final int MAX_PER_MINUTE = 6_000;
    static final int MAX_BURST = 1_000;
    static final long MIN_STORED = 1L << 20;
    static final long MAX_STORED = 1L << 30;

    private static final Set<String> INTAKE_KEYS = Set.of("perMinute", "burst", "maxStored");
    // One segment: URL path characters (RFC 3986 pchar without percent-encoding) and *.
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");
    private static final Pattern SIZE = Pattern.compile("([0-9]{1,7})(KiB|MiB|GiB)");

    private IntakeParser() {}

    static List<String> async(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DeployException.ManifestRejected(
                    "async", "must be a list of paths under /api/, e.g. [\"resize\", \"jobs/*\"]");
        }
        if (node.size() > MAX_PATTERNS) {
            throw new DeployException.ManifestRejected("async", "at most " + MAX_PATTERNS + " paths");
        }
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "async[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isTextual()) {
                throw new DeployException.ManifestRejected(field, "must be a string");
            }
            String pattern = entry.asText();
            String problem = patternProblem(pattern);
            if (problem != null) {
                throw new DeployException.ManifestRejected(field, "\"" + pattern + "\" " + problem);
            }
            if (patterns.contains(pattern)) {
                throw new DeployException.ManifestRejected(field, "\"" + pattern + "\" is listed twice");
            }
            patterns.add(pattern);
        }
        return patterns;
    }

    private static String patternProblem(String pattern) {
        if (pattern.startsWith("/")) {
            return "must be a path below /api/ without the leading /api/ or /, e.g. \"resize\" for /api/resize";
        }
        if (pattern.isEmpty() || pattern.length() > MAX_PATTERN) {
            return "must be 1 to " + MAX_PATTERN + " characters";
        }
        String[] segments = pattern.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "has an empty, . or .. segment";
            }
            if (!SEGMENT.matcher(segment).matches()) {
                return "may hold only letters, digits, -._~!$&'()+,;=:@ and * (no %, ?, # or spaces)";
            }
            if (segment.contains("**") && !(segment.equals("**") && i == segments.length - 1)) {
                return "may use ** only as its whole last segment";
            }
        }
        return null;
    }

    static Manifest.Intake intake(JsonNode node) {
        Manifest.Intake d = Manifest.Intake.DEFAULT;
        if (node == null || node.isNull()) {
            return d;
        }
        if (!node.isObject()) {
            throw new DeployException.ManifestRejected("intake", "must be an object {perMinute, burst, maxStored}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!INTAKE_KEYS.contains(key)) {
                throw new DeployException.ManifestRejected(
                        "intake." + key, "unknown key (known: perMinute, burst, maxStored)");
            }
        }
        int perMinute = whole(node.get("perMinute"), "intake.perMinute", MAX_PER_MINUTE, d.perMinute());
        int burst = whole(node.get("burst"), "intake.burst", MAX_BURST, d.burst());
        long stored = d.maxStoredBytes();
        if (node.has("maxStored")) {
            stored = bytes(
                    node.get("maxStored").isTextual() ? node.get("maxStored").asText() : "");
            if (stored < MIN_STORED || stored > MAX_STORED) {
                throw new DeployException.ManifestRejected(
                        "intake.maxStored",
                        "must be a size from 1MiB to 1GiB, such as 64MiB or 512KiB (KiB, MiB or GiB)");
            }
        }
        return new Manifest.Intake(perMinute, burst, stored);
    }

    private static int whole(JsonNode value, String field, int max, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (!value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > max) {
            throw new DeployException.ManifestRejected(field, "must be a whole number from 1 to " + max);
        }
        return value.asInt();
    }

    /** Bytes of a size written as a whole number and {@code KiB}, {@code MiB} or {@code GiB}, or -1. */
    private static long bytes(String text) {
        Matcher m = SIZE.matcher(text.trim());
        if (!m.matches()) {
            return -1;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "KiB" -> n << 10;
            case "MiB" -> n << 20;
            default -> n << 30;
        };
    }
}
