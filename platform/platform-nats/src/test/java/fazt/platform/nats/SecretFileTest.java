package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.ServiceName;
import java.nio.charset.StandardCharsets;
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
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(SecretFile.read(file)).isEqualTo("first-secret");
        SecretFile.write(file, "second-secret");
        assertThat(SecretFile.read(file)).isEqualTo("second-secret");
        assertThat(permissions(file)).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files).as("no temporary file is left").containsExactly(file);
        }
    }

    @Test
    void aWorldReadableFileIsReplacedByANewOwnerOnlyFileNotNarrowedInPlace(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("master-key");
        Files.writeString(file, "old\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Object oldInode = Files.getAttribute(file, "unix:ino");
        SecretFile.write(file, "new-secret".getBytes(StandardCharsets.UTF_8));
        // a new inode: the secret was never written into the file others could open
        assertThat(Files.getAttribute(file, "unix:ino")).isNotEqualTo(oldInode);
        assertThat(permissions(file)).isEqualTo("rw-------");
        assertThat(Files.readString(file)).isEqualTo("new-secret");
    }

    @Test
    void theServicesNatsSeedsAreOwnerOnlyFilesInAnOwnerOnlyDirectory(@TempDir Path dir) throws Exception {
        Path seeds = dir.resolve("credentials");
        NatsCredentials.provision(seeds, false);
        assertThat(permissions(seeds)).isEqualTo("rwx------");
        for (ServiceName service : ServiceName.values()) {
            Path seed = seeds.resolve(NatsCredentials.fileName(service));
            assertThat(permissions(seed)).as(seed.toString()).isEqualTo("rw-------");
            assertThat(Files.readString(seed)).startsWith("SU").endsWith("\n");
        }
        try (var files = Files.list(seeds)) {
            assertThat(files).as("no temporary file is left").hasSize(ServiceName.values().length);
        }
    }

    private static String permissions(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
