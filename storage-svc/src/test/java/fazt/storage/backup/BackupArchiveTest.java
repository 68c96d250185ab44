package fazt.storage.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive layout: written with the manifest first, read back whole, and refused when any byte differs. */
class BackupArchiveTest {
    @TempDir
    Path dir;

    private byte[] archive(String auth, String deploy) throws Exception {
        Path a = Files.writeString(dir.resolve("auth.part"), auth);
        Path d = Files.writeString(dir.resolve("deploy.part"), deploy);
        SpooledPart pa = SpooledPart.spool(Files.newInputStream(a), dir.resolve("a.copy"), n -> {});
        SpooledPart pd = SpooledPart.spool(Files.newInputStream(d), dir.resolve("d.copy"), n -> {});
        BackupManifest manifest = new BackupManifest(
                BackupManifest.FORMAT,
                "0.1.0",
                Instant.parse("2026-12-08T01:15:00Z"),
                BackupManifest.SNAPSHOT_SHARED,
                BackupManifest.KEY_KEPT_SEPARATELY,
                List.of(
                        new BackupManifest.Part(
                                "schemas/auth.part", "schema", "auth", "7", "shared", pa.size(), pa.sha256()),
                        new BackupManifest.Part(
                                "schemas/deploy.part", "schema", "deploy", "4", "shared", pd.size(), pd.sha256())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupArchive.write(out, manifest, Map.of("schemas/auth.part", a, "schemas/deploy.part", d));
        return out.toByteArray();
    }

    @Test
    void anArchiveReadsBackWholeWithItsPartsSpooled() throws Exception {
        byte[] bytes = archive("fazt-schema-part 1 auth 7\nend 0\n", "x".repeat(100_000));
        Path spool = Files.createDirectory(dir.resolve("spool"));

        BackupManifest manifest = BackupArchive.check(new ByteArrayInputStream(bytes), spool, n -> {});

        assertThat(manifest.parts()).extracting(BackupManifest.Part::service).containsExactly("auth", "deploy");
        assertThat(manifest.key()).isEqualTo("kept separately");
        assertThat(Files.readString(spool.resolve("auth.part"))).isEqualTo("fazt-schema-part 1 auth 7\nend 0\n");
        assertThat(Files.size(spool.resolve("deploy.part"))).isEqualTo(100_000);
    }

    @Test
    void everySingleFlippedBitInAPartIsRefused() throws Exception {
        String auth = "fazt-schema-part 1 auth 7\n" + "row\t1\n".repeat(2000) + "end 0\n";
        byte[] good = archive(auth, "deploy rows");
        // Flip bits all over the archive: gzip's CRC, tar's framing or the manifest's SHA-256 catches each. Bytes 4 to
        // 9
        // are gzip's header time, flags and OS, which no reader uses.
        for (int at = 0; at < good.length; at++) {
            if (at >= 4 && at <= 9) {
                continue;
            }
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            assertThatThrownBy(() -> BackupArchive.check(new ByteArrayInputStream(bad), null, n -> {}))
                    .as("byte %d of %d", at, good.length)
                    .isInstanceOf(ArchiveRefused.class);
        }
    }

    @Test
    void aPartThatDiffersFromItsManifestIsAHashMismatch() throws Exception {
        byte[] good = archive("aaaa", "bbbb");
        // Re-write the same manifest over other bytes of the same size: only the hash can tell.
        Path a = Files.writeString(dir.resolve("auth.part"), "aaab");
        BackupManifest manifest = BackupArchive.check(new ByteArrayInputStream(good), null, n -> {});
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BackupArchive.write(
                out, manifest, Map.of("schemas/auth.part", a, "schemas/deploy.part", dir.resolve("deploy.part")));

        assertThatThrownBy(() -> BackupArchive.check(new ByteArrayInputStream(out.toByteArray()), null, n -> {}))
                .isInstanceOfSatisfying(
                        ArchiveRefused.class, e -> assertThat(e.code()).isEqualTo(ArchiveRefused.HASH_MISMATCH))
                .hasMessageContaining("schemas/auth.part");
    }

    @Test
    void somethingElseIsDamaged() {
        assertThatThrownBy(() -> BackupArchive.check(
                        new ByteArrayInputStream("not an archive".getBytes(StandardCharsets.UTF_8)), null, n -> {}))
                .isInstanceOfSatisfying(
                        ArchiveRefused.class, e -> assertThat(e.code()).isEqualTo(ArchiveRefused.DAMAGED));
    }

    @Test
    void versionsCompareByTheirNumbers() {
        assertThat(Backups.newer("0.2.0", "0.1.9")).isTrue();
        assertThat(Backups.newer("0.1.0", "0.1.0-SNAPSHOT")).isFalse();
        assertThat(Backups.newer("8", "9")).isFalse();
        assertThat(Backups.newer("10", "9")).isTrue();
        assertThat(Backups.newer("0.1", "0.1.0")).isFalse();
    }

    @Test
    void archiveNamesAreCheckedBeforeTheyBecomePaths() {
        assertThat(BackupNames.isArchive(BackupNames.at(Instant.parse("2026-12-08T01:15:00Z"))))
                .isTrue();
        assertThat(BackupNames.isArchive("fazt-backup-20261208-011500-2.tar.gz"))
                .isTrue();
        assertThat(BackupNames.isArchive("../etc/passwd")).isFalse();
        assertThat(BackupNames.isArchive(".fazt-backup-20261208-011500.tar.gz.partial"))
                .isFalse();
    }
}
