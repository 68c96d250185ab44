package fazt.platform.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.ServiceName;
import fazt.proto.SubjectRoot;
import io.nats.client.Options;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A service's NATS identity: its own inbox prefix always, its seed when given, and the seed never printed. */
class NatsIdentityTest {
    @TempDir
    Path dir;

    @Test
    void everyConnectionOfAServiceUsesTheInboxSpaceOfThatServiceEvenWithoutCredentials() throws IOException {
        Options options = NatsConnector.options(
                "nats://127.0.0.1:4222", "test", NatsIdentity.of(new SubjectRoot("fazt"), ServiceName.RUNTIME));
        assertThat(options.getInboxPrefix()).isEqualTo("fazt.inbox.runtime.");
        assertThat(options.getAuthHandler()).isNull();
    }

    @Test
    void theSeedFileProvisionWritesIsReadAndNeverShown() throws IOException {
        var keys = NatsCredentials.provision(dir, false);
        Path file = dir.resolve(NatsCredentials.fileName(ServiceName.DEPLOY));
        String seed = Files.readString(file).strip();

        NatsIdentity identity =
                NatsIdentity.of(new SubjectRoot("fazt"), ServiceName.DEPLOY).withSeedFile(file);
        assertThat(new String(identity.seed())).isEqualTo(seed);
        assertThat(NatsCredentials.publicKey(identity.seed())).isEqualTo(keys.get(ServiceName.DEPLOY));
        assertThat(identity.toString()).doesNotContain(seed).contains("seed=***");
        assertThat(NatsConnector.options("nats://127.0.0.1:4222", "test", identity)
                        .getAuthHandler())
                .isNotNull();
    }

    @Test
    void aFileWithoutAUserSeedIsRefusedWithoutEchoingItsContent() throws IOException {
        Path file = dir.resolve("wrong.nk");
        Files.writeString(file, "SA-not-a-user-seed-secret\n");
        assertThatThrownBy(() -> NatsIdentity.readSeed(file))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("holds no user seed")
                .hasMessageNotContaining("secret");
    }
}
