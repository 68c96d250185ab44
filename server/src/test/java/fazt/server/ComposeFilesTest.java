package fazt.server;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.platform.service.BootstrapSettings;
import fazt.proto.ServiceName;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The compose files keep secrets where they are needed: the split file gives the master key only to the services that
 * decrypt ({@link BootstrapSettings#DECRYPTING}), so a container of storage-svc or runtime-svc has neither the key's
 * volume nor its setting; no file defaults a password to a public change-me value (generated ones instead). Read as
 * text, one block per service (the compose files are written with two-space indents), so no YAML library is needed.
 */
class ComposeFilesTest {
    static final Path SPLIT = Path.of("..", "docker-compose.yml");
    static final Path SINGLE = Path.of("..", "docker-compose.single.yml");
    private static final Pattern SERVICE = Pattern.compile("^  ([a-z][a-z0-9-]*):\\s*$");
    private static final Pattern TARGET = Pattern.compile("FAZT_TARGETS: ([a-z]+)");

    /** Each service's block of {@code services:}, by name. */
    static Map<String, String> services(Path file) throws Exception {
        Map<String, String> blocks = new LinkedHashMap<>();
        boolean inServices = false;
        String current = null;
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(file)) {
            if (!line.startsWith(" ") && !line.isBlank()) {
                if (current != null) {
                    blocks.put(current, block.toString());
                    current = null;
                }
                inServices = line.startsWith("services:");
                continue;
            }
            Matcher m = SERVICE.matcher(line);
            if (inServices && m.matches()) {
                if (current != null) {
                    blocks.put(current, block.toString());
                }
                current = m.group(1);
                block = new StringBuilder();
            } else if (current != null) {
                block.append(line).append('\n');
            }
        }
        if (current != null) {
            blocks.put(current, block.toString());
        }
        return blocks;
    }

    @Test
    void noComposeFileDefaultsToAChangeMePassword() throws Exception {
        for (Path file : List.of(SPLIT, SINGLE)) {
            String text = Files.readString(file);
            assertThat(Pattern.compile("\\$\\{[A-Z_]+:-[^}]*change-me")
                            .matcher(text)
                            .find())
                    .as(file + " has no change-me default")
                    .isFalse();
            assertThat(text)
                    .as(file + ": PostgreSQL takes its admin password from the generated file")
                    .contains("POSTGRES_PASSWORD_FILE: /run/fazt-db-admin/password")
                    .doesNotContain("POSTGRES_PASSWORD:")
                    .contains("FAZT_DB_ADMIN_PASSWORD_FILE: /run/fazt-db-admin/password");
        }
        assertThat(services(SPLIT).get("db-admin-secret"))
                .as("an explicit change-me admin password is refused before PostgreSQL starts")
                .contains("*change-me*)")
                .contains("exit 2");
    }

    @Test
    void onlyTheServicesThatDecryptGetTheMasterKey() throws Exception {
        Map<String, String> services = services(SPLIT);
        int fazt = 0;
        for (Map.Entry<String, String> service : services.entrySet()) {
            Matcher target = TARGET.matcher(service.getValue());
            if (!target.find()) {
                continue;
            }
            fazt++;
            ServiceName name = ServiceName.fromId(target.group(1)).orElseThrow();
            String block = service.getValue();
            boolean decrypts = BootstrapSettings.DECRYPTING.contains(name);
            assertThat(block.contains("FAZT_MASTER_KEY_FILE"))
                    .as(service.getKey() + " is told where the master key is only if it decrypts")
                    .isEqualTo(decrypts);
            assertThat(block.contains("fazt-keys:"))
                    .as(service.getKey() + " mounts the master key only if it decrypts")
                    .isEqualTo(decrypts);
            assertThat(block)
                    .as(service.getKey() + " mounts only its own database password and its own NATS seed")
                    .contains("subpath: " + name.id() + "\n")
                    .contains("target: /var/lib/fazt/db-passwords/" + name.id() + "\n")
                    .contains("subpath: " + name.id() + ".nk\n");
        }
        assertThat(fazt).as("one container per service").isEqualTo(ServiceName.values().length);
        String common = Files.readString(SPLIT);
        common = common.substring(0, common.indexOf("\nservices:"));
        assertThat(common)
                .as("the settings every service shares do not name the key")
                .doesNotContain("FAZT_MASTER_KEY:")
                .doesNotContain("FAZT_MASTER_KEY_FILE:")
                .doesNotContain("fazt-keys:/var/lib/fazt/keys:ro\n  depends_on");
        assertThat(common)
                .as("every service reads its own generated database password")
                .contains("FAZT_DB_PASSWORD_DIR: /var/lib/fazt/db-passwords")
                .doesNotContain("fazt-db-passwords:/var/lib/fazt/db-passwords:ro");
    }
}
