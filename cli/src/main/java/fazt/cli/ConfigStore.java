package fazt.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The servers {@code fazt login} remembers, in {@code $XDG_CONFIG_HOME/fazt/config.json} (default
 * {@code ~/.config/fazt/config.json}):
 * <pre>{"current": "home", "servers": {"home": {"url": "http://admin.localhost:8080", "token": "..."}}}</pre>
 * The file holds API tokens, so it is written with mode 600 (in a 700 directory), atomically, and never printed.
 * Unknown fields are kept, so an older CLI does not drop what a newer one wrote.
 */
final class ConfigStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;

    ConfigStore(Path file) {
        this.file = file;
    }

    static ConfigStore of(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base;
        // The XDG spec says to ignore a relative value.
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            base = Path.of(xdg);
        } else {
            String home = env.getOrDefault("HOME", System.getProperty("user.home"));
            base = Path.of(home, ".config");
        }
        return new ConfigStore(base.resolve("fazt").resolve("config.json"));
    }

    Path file() {
        return file;
    }

    /** The stored servers in the order they were first added. */
    List<Login> logins() {
        List<Login> logins = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : read().path("servers").properties()) {
            logins.add(toLogin(entry.getKey(), entry.getValue()));
        }
        return logins;
    }

    /** The name of the current server, or null. */
    String current() {
        JsonNode current = read().get("current");
        return current == null || current.isNull() ? null : current.asText();
    }

    /** Stores {@code login} (replacing one of the same name) and makes it current. */
    void save(Login login) {
        ObjectNode config = read();
        ObjectNode servers = config.withObjectProperty("servers");
        ObjectNode entry =
                servers.has(login.name()) && servers.get(login.name()).isObject()
                        ? (ObjectNode) servers.get(login.name())
                        : JSON.createObjectNode();
        entry.put("url", login.server().uri().toString());
        entry.put("token", login.token());
        servers.set(login.name(), entry);
        config.put("current", login.name());
        write(config);
    }

    /**
     * Forgets {@code name}; false when it was not stored. When it was current, the first remaining server becomes
     * current, so a user with one server left does not have to choose it again.
     */
    boolean remove(String name) {
        ObjectNode config = read();
        ObjectNode servers = config.withObjectProperty("servers");
        if (servers.remove(name) == null) {
            return false;
        }
        if (name.equals(config.path("current").asText(null))) {
            Iterator<String> rest = servers.fieldNames();
            if (rest.hasNext()) {
                config.put("current", rest.next());
            } else {
                config.remove("current");
            }
        }
        write(config);
        return true;
    }

    /**
     * The server a command uses: the one named by {@code --server}, else {@code FAZT_URL} with {@code FAZT_TOKEN}
     * when both are set (for scripts and CI, which have no config file), else the current one.
     */
    Login select(String name, Map<String, String> env) {
        if (name != null && !name.isBlank()) {
            return find(name);
        }
        String url = env.get("FAZT_URL");
        String token = env.get("FAZT_TOKEN");
        if (url != null && !url.isBlank() && token != null && !token.isBlank()) {
            return new Login("FAZT_URL", ServerAddress.parse(url), token.strip());
        }
        String current = current();
        if (current == null) {
            throw new CliFailure(
                    "not logged in: run 'fazt login ADMIN-URL --token TOKEN' " + "(or set FAZT_URL and FAZT_TOKEN)");
        }
        return find(current);
    }

    /** The stored server called {@code name}, or a failure listing the known names. */
    Login find(String name) {
        JsonNode entry = read().path("servers").get(name);
        if (entry == null || !entry.isObject()) {
            List<String> names = logins().stream().map(Login::name).toList();
            throw new CliFailure("no server called '" + name + "' in " + file
                    + (names.isEmpty() ? " (run 'fazt login' first)" : "; known: " + String.join(", ", names)));
        }
        return toLogin(name, entry);
    }

    private Login toLogin(String name, JsonNode entry) {
        String url = entry.path("url").asText("");
        if (url.isBlank()) {
            throw new CliFailure(file + ": server '" + name + "' has no url; run 'fazt login' again");
        }
        return new Login(name, ServerAddress.parse(url), entry.path("token").asText(""));
    }

    private ObjectNode read() {
        if (!Files.exists(file)) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || node.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!node.isObject()) {
                throw new CliFailure(file + ": expected a JSON object; fix or delete the file");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new CliFailure(file + ": not valid JSON (" + e.getOriginalMessage() + "); fix or delete the file");
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    private void write(ObjectNode config) {
        Path dir = file.getParent();
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, posix("rwx------"));
            }
            // A temporary file created 600 from the start, then renamed: no moment where the token is readable by
            // others, and no half-written config after a crash.
            Path temp = Files.createTempFile(dir, ".config-", ".json", posix("rw-------"));
            try {
                Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
                try {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliFailure("cannot write " + file + ": " + e.getMessage());
        }
    }

    private FileAttribute<?>[] posix(String permissions) {
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        return posix
                ? new FileAttribute<?>[] {
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions))
                }
                : new FileAttribute<?>[0];
    }
}
