package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigStoreTest {
    @TempDir
    Path home;

    private ConfigStore store() {
        return ConfigStore.of(CliRun.env(home));
    }

    private static Login login(String name, String url, String token) {
        return new Login(name, ServerAddress.parse(url), token);
    }

    @Test
    void liveUnderXdgConfigHomeElseHome() {
        assertThat(store().file()).isEqualTo(home.resolve("config/fazt/config.json"));
        assertThat(ConfigStore.of(Map.of("HOME", "/home/ana")).file())
                .isEqualTo(Path.of("/home/ana/.config/fazt/config.json"));
        assertThat(ConfigStore.of(Map.of("HOME", "/home/ana", "XDG_CONFIG_HOME", "relative"))
                        .file())
                .isEqualTo(Path.of("/home/ana/.config/fazt/config.json"));
    }

    @Test
    void savesSeveralServersTheLastBecomingCurrent() {
        store().save(login("home", "http://admin.localhost:8080", "t1"));
        store().save(login("prod", "https://admin.example.com", "t2"));

        ConfigStore reread = store();
        assertThat(reread.current()).isEqualTo("prod");
        assertThat(reread.logins()).extracting(Login::name).containsExactly("home", "prod");
        Login home = reread.find("home");
        assertThat(home.server().uri()).hasToString("http://admin.localhost:8080");
        assertThat(home.token()).isEqualTo("t1");
        assertThat(reread.select(null, Map.of()).name()).isEqualTo("prod");
        assertThat(reread.select("home", Map.of()).token()).isEqualTo("t1");
    }

    @Test
    void theFileIsReadableOnlyByItsOwner() throws IOException {
        store().save(login("home", "http://admin.localhost:8080", "secret"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store().file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(store().file().getParent())))
                .isEqualTo("rwx------");
        try (var leftovers = Files.list(store().file().getParent())) {
            assertThat(leftovers).containsExactly(store().file());
        }
    }

    @Test
    void loggingInAgainReplacesTheTokenAndKeepsUnknownFields() throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(
                store().file(),
                "{\"servers\":{\"home\":{\"url\":\"http://a.localhost\",\"token\":\"old\","
                        + "\"note\":\"mine\"}},\"future\":1}");

        store().save(login("home", "http://a.localhost", "new"));

        assertThat(store().find("home").token()).isEqualTo("new");
        assertThat(Files.readString(store().file()))
                .contains("\"note\" : \"mine\"")
                .contains("\"future\" : 1");
    }

    @Test
    void removingTheCurrentServerMakesTheNextCurrent() {
        store().save(login("a", "http://a.localhost", "t"));
        store().save(login("b", "http://b.localhost", "t"));

        assertThat(store().remove("b")).isTrue();
        assertThat(store().current()).isEqualTo("a");
        assertThat(store().remove("b")).isFalse();
        assertThat(store().remove("a")).isTrue();
        assertThat(store().current()).isNull();
    }

    @Test
    void environmentOverridesTheFileButNotAnExplicitServer() {
        store().save(login("home", "http://admin.localhost:8080", "t1"));
        Map<String, String> env = Map.of("FAZT_URL", "https://ci.example.com", "FAZT_TOKEN", "t-ci");

        assertThat(store().select(null, env).server().uri()).hasToString("https://ci.example.com");
        assertThat(store().select(null, env).token()).isEqualTo("t-ci");
        assertThat(store().select("home", env).token()).isEqualTo("t1");
        assertThat(store().select(null, Map.of("FAZT_URL", "https://ci.example.com"))
                        .name())
                .isEqualTo("home");
    }

    @Test
    void saysWhatToDoWhenNothingIsSaved() {
        assertThatThrownBy(() -> store().select(null, Map.of()))
                .isInstanceOf(CliFailure.class)
                .hasMessage("not logged in: run 'fazt login ADMIN-URL --token TOKEN' (or set FAZT_URL and FAZT_TOKEN)");
        store().save(login("home", "http://a.localhost", "t"));
        assertThatThrownBy(() -> store().select("prod", Map.of()))
                .isInstanceOf(CliFailure.class)
                .hasMessageContaining("no server called 'prod'")
                .hasMessageEndingWith("known: home");
    }

    @Test
    void aBrokenFileIsNamedNotOverwritten() throws IOException {
        Files.createDirectories(store().file().getParent());
        Files.writeString(store().file(), "{not json");

        assertThatThrownBy(() -> store().save(login("a", "http://a.localhost", "t")))
                .isInstanceOf(CliFailure.class)
                .hasMessageStartingWith(store().file() + ": not valid JSON");
        assertThat(Files.readString(store().file())).isEqualTo("{not json");
    }
}
