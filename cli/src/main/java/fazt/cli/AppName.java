package fazt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.Locale;

/** The app a directory deploys as: {@code name} in its {@code fazt.json}, else its own name made host-safe. */
final class AppName {
    static final String CONFIG = "fazt.json";
    /** A DNS label holds at most 63 characters, and an app's name is the first label of its host. */
    private static final int MAX = 63;

    private AppName() {}

    static String of(Path dir) {
        Path config = dir.resolve(CONFIG);
        if (Files.isRegularFile(config)) {
            JsonNode name;
            try {
                name = AdminClient.JSON.readTree(config.toFile()).path("name");
            } catch (IOException e) {
                throw new CliFailure(config + ": not valid JSON ("
                        + e.getMessage().lines().findFirst().orElse("") + ")");
            }
            // Taken as written: if it is not a valid name the server says why, which beats silently renaming.
            if (name.isTextual() && !name.asText().isBlank()) {
                return name.asText().strip();
            }
        }
        Path absolute = dir.toAbsolutePath().normalize();
        String derived = absolute.getFileName() == null
                ? ""
                : sanitize(absolute.getFileName().toString());
        if (derived.isEmpty()) {
            throw new CliFailure("cannot make an app name from " + absolute + "; pass --name NAME");
        }
        return derived;
    }

    /** {@code "My Café Site!"} → {@code my-cafe-site}: lower case, accents dropped, runs of anything else → {@code -}. */
    static String sanitize(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        String safe = plain.toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9-]+", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
        if (safe.length() > MAX) {
            safe = safe.substring(0, MAX).replaceAll("-+$", "");
        }
        return safe;
    }
}
