package fazt.platform.service.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.ServiceName;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SettingTest {
    static final Setting TIMEOUT = Setting.millis("FAZT_X_TIMEOUT_MS", 30_000, 100, 900_000L, "a timeout")
            .formerly("X_TIMEOUT_MS")
            .mapsTo("x.timeout", Setting.AS_DURATION);
    static final Setting CACHE =
            Setting.megabytes("FAZT_X_CACHE_MB", 32, 0, null, "a cache").mapsTo("x.cache-bytes");
    static final Setting JIT = Setting.bool("FAZT_X_JIT", true, "a switch");
    static final Setting HOSTS =
            Setting.of("FAZT_X_HOSTS", SettingType.LIST, null, "hosts").mapsTo("x.hosts");
    static final Setting TOKEN =
            Setting.of("FAZT_X_TOKEN", SettingType.SECRET, null, "a token").requires("FAZT_X_USER");
    static final Setting USER = Setting.of("FAZT_X_USER", SettingType.STRING, null, "a user");
    static final Setting URL = Setting.of("FAZT_X_URL", SettingType.URL, "nats://127.0.0.1:4222", "a URL");

    record Case(Setting setting, String raw, Object value) {}

    static Stream<Case> goodValues() {
        return Stream.of(
                new Case(TIMEOUT, " 2500 ", 2500L),
                new Case(CACHE, "0", 0L),
                new Case(CACHE, "1000000", 1_000_000L),
                new Case(JIT, "FALSE", false),
                new Case(HOSTS, " a.lan , ,b.lan", List.of("a.lan", "b.lan")),
                new Case(TOKEN, " keeps its spaces ", " keeps its spaces "),
                new Case(USER, " ops ", "ops"));
    }

    @ParameterizedTest
    @MethodSource("goodValues")
    void aValueIsReadAsItsTypeSays(Case c) {
        SettingValue read = c.setting().read(Map.of(c.setting().name(), c.raw()), null);
        assertThat(read.value()).isEqualTo(c.value());
        assertThat(read.source()).isEqualTo("env");
    }

    static Stream<Case> badValues() {
        return Stream.of(
                new Case(TIMEOUT, "soon", "FAZT_X_TIMEOUT_MS: expected milliseconds from 100 to 900000, got \"soon\""),
                new Case(TIMEOUT, "99", "FAZT_X_TIMEOUT_MS: expected milliseconds from 100 to 900000, got \"99\""),
                new Case(
                        TIMEOUT,
                        "900001",
                        "FAZT_X_TIMEOUT_MS: expected milliseconds from 100 to 900000, got \"900001\""),
                new Case(CACHE, "-1", "FAZT_X_CACHE_MB: expected megabytes of at least 0, got \"-1\""),
                new Case(CACHE, "1.5", "FAZT_X_CACHE_MB: expected megabytes of at least 0, got \"1.5\""),
                new Case(JIT, "yes", "FAZT_X_JIT: expected true or false, got \"yes\""));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aBadValueIsOneLineNamingTheVariableTheValueAndWhatIsExpected(Case c) {
        assertThatThrownBy(() -> c.setting().read(Map.of(c.setting().name(), c.raw()), null))
                .isInstanceOfSatisfying(SettingsException.class, e -> {
                    assertThat(e.variable()).isEqualTo(c.setting().name());
                    assertThat(e.getMessage()).isEqualTo(c.value()).doesNotContain("\n");
                });
    }

    @Test
    void unsetMeansTheDefaultAndBlankCountsAsUnset() {
        SettingValue read = TIMEOUT.read(Map.of("FAZT_X_TIMEOUT_MS", "  "), null);
        assertThat(read.value()).isEqualTo(30_000L);
        assertThat(read.source()).isEqualTo("default");
        assertThat(read.shown()).isEqualTo("30000");
        assertThat(HOSTS.read(Map.of(), null).value()).isNull();
    }

    @Test
    void aFormerNameStillWorksWithAWarningNamingTheNewName() {
        SettingValue read = TIMEOUT.read(Map.of("X_TIMEOUT_MS", "5000"), null);
        assertThat(read.value()).isEqualTo(5000L);
        assertThat(read.source()).isEqualTo("env X_TIMEOUT_MS");
        assertThat(read.warning()).isEqualTo("X_TIMEOUT_MS is deprecated; rename it FAZT_X_TIMEOUT_MS");
    }

    @Test
    void theNewNameWinsOverAFormerOneWhichIsReportedIgnored() {
        SettingValue read = TIMEOUT.read(Map.of("X_TIMEOUT_MS", "5000", "FAZT_X_TIMEOUT_MS", "7000"), null);
        assertThat(read.value()).isEqualTo(7000L);
        assertThat(read.warning()).isEqualTo("X_TIMEOUT_MS is deprecated and ignored: FAZT_X_TIMEOUT_MS is set");
    }

    @Test
    void aBadValueUnderAFormerNameNamesThatName() {
        assertThatThrownBy(() -> TIMEOUT.read(Map.of("X_TIMEOUT_MS", "1"), null))
                .hasMessage("X_TIMEOUT_MS: expected milliseconds from 100 to 900000, got \"1\"");
    }

    @Test
    void aPerServiceNameWinsForItsServiceOnly() {
        Setting user = USER.overridablePerService();
        Map<String, String> env = Map.of("FAZT_X_USER", "shared", "FAZT_AUTH_X_USER", "own");
        assertThat(user.read(env, ServiceName.AUTH).value()).isEqualTo("own");
        assertThat(user.read(env, ServiceName.AUTH).source()).isEqualTo("env FAZT_AUTH_X_USER");
        assertThat(user.read(env, ServiceName.DEPLOY).value()).isEqualTo("shared");
    }

    @Test
    void secretsAreMaskedAndPasswordsCutOutOfUrls() {
        assertThat(TOKEN.read(Map.of("FAZT_X_TOKEN", "hunter2hunter2"), null).shown())
                .isEqualTo("********");
        assertThat(URL.read(Map.of("FAZT_X_URL", "nats://me:hunter2@nats:4222"), null)
                        .shown())
                .isEqualTo("nats://***@nats:4222");
        assertThat(SettingValue.redact("jdbc:postgresql://db/fazt?user=a&password=hunter2&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/fazt?user=a&password=***&ssl=true");
    }

    @Test
    void propertiesGetConvertedValuesAndSizesInBytes() {
        Map<String, Object> properties = SettingValues.read(
                        List.of(TIMEOUT, CACHE, HOSTS),
                        Map.of("FAZT_X_TIMEOUT_MS", "2500", "FAZT_X_CACHE_MB", "8"),
                        null)
                .properties();
        assertThat(properties)
                .containsExactlyInAnyOrderEntriesOf(Map.of("x.timeout", "2500ms", "x.cache-bytes", 8L << 20));
    }

    @Test
    void aSettingThatNeedsAnotherStopsWhenItIsSetAlone() {
        assertThatThrownBy(() -> SettingValues.read(List.of(TOKEN, USER), Map.of("FAZT_X_TOKEN", "t"), null))
                .isInstanceOf(SettingsException.class)
                .hasMessage("FAZT_X_TOKEN: is set but FAZT_X_USER is not; set both");
        assertThat(SettingValues.read(List.of(TOKEN, USER), Map.of("FAZT_X_TOKEN", "t", "FAZT_X_USER", "u"), null)
                        .get(TOKEN))
                .isEqualTo("t");
    }

    @Test
    void theCatalogueHasOneRowPerSettingWithItsReadersAndRefusesTwoDeclarations() {
        SettingsCatalogue catalogue = new SettingsCatalogue()
                .add(List.of(TIMEOUT.mapsTo("a.timeout"), CACHE), "gateway")
                .add(List.of(TIMEOUT.mapsTo("b.timeout")), "runtime");
        assertThat(catalogue.markdownTable()).isEqualTo("""
                | variable | default | meaning | read by |
                |---|---|---|---|
                | `FAZT_X_TIMEOUT_MS` | `30000` | a timeout; milliseconds from 100 to 900000; formerly `X_TIMEOUT_MS` | gateway, runtime |
                | `FAZT_X_CACHE_MB` | `32` | a cache; megabytes of at least 0 | gateway |
                """);
        Setting other = Setting.millis("FAZT_X_TIMEOUT_MS", 1000, 100, 900_000L, "a timeout");
        assertThatThrownBy(() -> catalogue.add(List.of(other), "mail"))
                .hasMessage("FAZT_X_TIMEOUT_MS is declared twice, differently");
    }
}
