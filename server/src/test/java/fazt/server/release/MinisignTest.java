package fazt.server.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures made by the real minisign verify with {@link Minisign}; anything changed or signed by another key not. */
class MinisignTest {
    @TempDir
    Path dir;

    @Test
    void verifiesPrehashedAndLegacySignaturesOfTheRealTool() throws Exception {
        Minisign.Key key = Minisign.parseKey(Files.readString(MinisignTool.generate(dir, "release")));
        Path file = Files.writeString(dir.resolve("release.json"), "{\"version\":\"1.2.3\"}\n");
        for (boolean legacy : new boolean[] {false, true}) {
            MinisignTool.sign(dir, "release", file, "fazt 1.2.3", legacy);
            String signature = Files.readString(dir.resolve("release.json.minisig"));
            assertThat(signature.lines().skip(1).findFirst().orElseThrow()).startsWith(legacy ? "RW" : "RU");
            assertThat(Minisign.verify(Files.readAllBytes(file), signature, key))
                    .isEqualTo("fazt 1.2.3");
        }
    }

    @Test
    void refusesAnotherKeyAChangedFileAndAChangedTrustedComment() throws Exception {
        Minisign.Key pinned = Minisign.parseKey(Files.readString(MinisignTool.generate(dir, "pinned")));
        MinisignTool.generate(dir, "other");
        Path file = Files.writeString(dir.resolve("release.json"), "{\"version\":\"2.0.0\"}\n");
        byte[] bytes = Files.readAllBytes(file);

        MinisignTool.sign(dir, "other", file, "fazt 2.0.0", false);
        String byOther = Files.readString(dir.resolve("release.json.minisig"));
        assertThatThrownBy(() -> Minisign.verify(bytes, byOther, pinned))
                .isInstanceOf(ReleaseException.class)
                .hasMessageContaining("not by the pinned key " + pinned.id());

        MinisignTool.sign(dir, "pinned", file, "fazt 2.0.0", false);
        String good = Files.readString(dir.resolve("release.json.minisig"));
        byte[] changed = "{\"version\":\"2.0.1\"}\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Minisign.verify(changed, good, pinned))
                .hasMessageContaining("does not match its signature");
        String otherComment = good.replace("trusted comment: fazt 2.0.0", "trusted comment: fazt 9.9.9");
        assertThatThrownBy(() -> Minisign.verify(bytes, otherComment, pinned))
                .hasMessageContaining("trusted comment")
                .hasMessageContaining("changed after signing");
        assertThatThrownBy(() -> Minisign.verify(bytes, "untrusted comment: x\nnot base64\n", pinned))
                .hasMessageContaining("is not a minisign signature");
        assertThatThrownBy(() -> Minisign.parseKey("untrusted comment: x\nAAAA\n"))
                .hasMessageContaining("not a minisign public key");
    }
}
