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
 * The split compose file gives the master key only to the services that decrypt ({@link BootstrapSettings#DECRYPTING}):
 * a container of storage-svc or runtime-svc has neither the key's volume nor its setting. Read as text, one block per
 * service (the compose files are written with two-space indents), so no YAML library is needed.
 */
class ComposeFilesTest {
    static final Path SPLIT = Path.of("..", "docker-compose.yml");
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
            boolean hasKey = service.getValue().contains("FAZT_MASTER_KEY_FILE")
                    && service.getValue().contains("*master-key-volumes");
            assertThat(hasKey)
                    .as(service.getKey() + " gets the master key only if it decrypts")
                    .isEqualTo(BootstrapSettings.DECRYPTING.contains(name));
        }
        assertThat(fazt).as("one container per service").isEqualTo(ServiceName.values().length);
        String common = Files.readString(SPLIT);
        common = common.substring(0, common.indexOf("\nservices:"));
        assertThat(common)
                .as("the settings every service shares do not name the key")
                .doesNotContain("FAZT_MASTER_KEY")
                .doesNotContain("fazt-keys:/var/lib/fazt/keys:ro\n  depends_on");
        assertThat(List.of(common.split("\n")))
                .as("the key's volume is declared once, for the services that add it")
                .contains("x-master-key-volumes: &master-key-volumes");
    }
}
