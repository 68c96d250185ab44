package fazt.server.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A release's {@code release.json} (docs/upgrade.md): its version, when it was made, and per deployment mode what it
 * consists of: for the jar mode every file with its path, size and SHA-256; for compose every service's image
 * pinned by digest. Parsing checks every field, so nothing later has to trust a path or a digest.
 */
public record ReleaseManifest(String version, Instant created, List<JarFile> files, List<Image> images) {
    /** Largest release.json read. */
    public static final int MAX_BYTES = 1 << 20;

    static final int MAX_FILES = 2000;
    static final long MAX_FILE_BYTES = 1L << 30;
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}");
    private static final Pattern PATH =
            Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]*(/[A-Za-z0-9_+-][A-Za-z0-9._+-]*)*");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern IMAGE = Pattern.compile("[a-z0-9][a-z0-9._/:-]{0,254}@sha256:[0-9a-f]{64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A file of the jar mode, relative to the release directory. */
    public record JarFile(String path, long size, String sha256) {}

    /** A compose service's image, pinned by digest ({@code name@sha256:...}). */
    public record Image(String service, String image) {}

    public ReleaseManifest {
        files = List.copyOf(files);
        images = List.copyOf(images);
    }

    public static ReleaseManifest parse(byte[] json) throws ReleaseException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ReleaseException("release.json is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ReleaseException("release.json cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ReleaseException("release.json: expected an object");
        }
        String version = text(root, "version");
        if (!VERSION.matcher(version).matches()) {
            throw new ReleaseException(
                    "release.json: version: expected letters, digits and .+_- (at most 64), got \"" + version + "\"");
        }
        Instant created;
        try {
            created = Instant.parse(text(root, "created"));
        } catch (DateTimeParseException e) {
            throw new ReleaseException(
                    "release.json: created: expected an ISO-8601 instant such as " + "2026-01-31T12:00:00Z");
        }
        List<JarFile> files = new ArrayList<>();
        JsonNode jar = root.path("jar").path("files");
        if (!jar.isMissingNode()) {
            if (!jar.isArray() || jar.size() > MAX_FILES) {
                throw new ReleaseException("release.json: jar.files: expected an array of at most " + MAX_FILES);
            }
            for (JsonNode f : jar) {
                String path = text(f, "path");
                if (!PATH.matcher(path).matches()
                        || path.length() > 512
                        || List.of(path.split("/")).contains("..")) {
                    throw new ReleaseException(
                            "release.json: jar.files: path \"" + path + "\" is not a plain relative path");
                }
                JsonNode size = f.path("size");
                if (!size.canConvertToLong() || size.asLong() < 0 || size.asLong() > MAX_FILE_BYTES) {
                    throw new ReleaseException(
                            "release.json: jar.files: " + path + ": size: expected 0 to " + MAX_FILE_BYTES + " bytes");
                }
                String sha = text(f, "sha256");
                if (!SHA256.matcher(sha).matches()) {
                    throw new ReleaseException(
                            "release.json: jar.files: " + path + ": sha256: expected 64 lower-case hex digits");
                }
                if (files.stream().anyMatch(x -> x.path().equals(path))) {
                    throw new ReleaseException("release.json: jar.files: " + path + " is listed twice");
                }
                files.add(new JarFile(path, size.asLong(), sha));
            }
        }
        List<Image> images = new ArrayList<>();
        JsonNode compose = root.path("compose").path("images");
        if (!compose.isMissingNode()) {
            if (!compose.isArray() || compose.size() > 100) {
                throw new ReleaseException("release.json: compose.images: expected an array of at most 100");
            }
            for (JsonNode i : compose) {
                String service = text(i, "service");
                String image = text(i, "image");
                if (!SERVICE.matcher(service).matches()) {
                    throw new ReleaseException("release.json: compose.images: bad service name \"" + service + "\"");
                }
                if (!IMAGE.matcher(image).matches()) {
                    throw new ReleaseException("release.json: compose.images: " + service
                            + ": image must be pinned by digest (name@sha256:<64 hex>), got \"" + image + "\"");
                }
                images.add(new Image(service, image));
            }
        }
        if (files.isEmpty() && images.isEmpty()) {
            throw new ReleaseException("release.json lists no jar.files and no compose.images");
        }
        return new ReleaseManifest(version, created, files, images);
    }

    private static String text(JsonNode node, String field) throws ReleaseException {
        JsonNode value = node.path(field);
        if (!value.isTextual()) {
            throw new ReleaseException("release.json: " + field + ": expected a string");
        }
        return value.asText();
    }
}
