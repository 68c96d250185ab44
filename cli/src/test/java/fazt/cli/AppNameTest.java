package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppNameTest {
    @TempDir
    Path temp;

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "blog|blog",
                "My Blog|my-blog",
                "my_site.v2|my-site-v2",
                "Café Crème|cafe-creme",
                "--weird--name--|weird-name",
                "a   b|a-b",
                "日本|''",
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-bbbb|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            })
    void directoryNamesBecomeHostSafe(String directory, String expected) {
        assertThat(AppName.sanitize(directory)).isEqualTo(expected);
    }

    @Test
    void theDirectoryNameIsTheDefault() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("My Site"));
        assertThat(AppName.of(dir)).isEqualTo("my-site");
        assertThat(AppName.of(dir.resolve("."))).isEqualTo("my-site");
    }

    @Test
    void faztJsonNameWins() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("public"));
        Files.writeString(dir.resolve("fazt.json"), "{\"name\": \"blog\", \"other\": 1}");
        assertThat(AppName.of(dir)).isEqualTo("blog");

        Files.writeString(dir.resolve("fazt.json"), "{\"spa\": true}");
        assertThat(AppName.of(dir)).isEqualTo("public");
    }

    @Test
    void aBrokenFaztJsonIsReported() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("public"));
        Files.writeString(dir.resolve("fazt.json"), "{name: blog");
        assertThatThrownBy(() -> AppName.of(dir))
                .isInstanceOf(CliFailure.class)
                .hasMessageStartingWith(dir.resolve("fazt.json") + ": not valid JSON");
    }

    @Test
    void aNameThatSanitizesToNothingAsksForOne() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("___"));
        assertThatThrownBy(() -> AppName.of(dir))
                .isInstanceOf(CliFailure.class)
                .hasMessageEndingWith("pass --name NAME");
    }
}
