package fazt.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The admin API's golden answers (shared-proto's {@code golden/admin-api/<Record>.json}, checked against the records
 * there), so the fake server answers exactly the shapes the real services send.
 */
final class Golden {
    private static final Path DIR = Path.of("..", "shared-proto", "src", "test", "resources", "golden", "admin-api");

    private Golden() {}

    static String json(String record) {
        try {
            return Files.readString(DIR.resolve(record + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException("no golden answer " + record, e);
        }
    }
}
