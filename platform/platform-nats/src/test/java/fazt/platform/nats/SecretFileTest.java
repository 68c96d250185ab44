package fazt.platform.service.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @Test
    void aSecretFileIsReadableOnlyByItsOwnerAndReplacedWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("deeper/admin-token");
        SecretFile.write(file, "first-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(SecretFile.read(file)).isEqualTo("first-secret");
        SecretFile.write(file, "second-secret");
        assertThat(SecretFile.read(file)).isEqualTo("second-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file is left").containsExactly(file);
        }
    }
}
