package fazt.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvAssignmentTest {
    private static InputStream stdin(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<EnvAssignment> parse(String... args) {
        return EnvAssignment.parseAll(List.of(args), stdin(""));
    }

    @Test
    void valuesAreTakenAsWrittenUpToTheFirstEquals() {
        assertThat(parse("A=1", "URL=postgres://u:p@h/db?x=y", "EMPTY=", "SPACES=  two words "))
                .containsExactly(
                        new EnvAssignment("A", "1"), new EnvAssignment("URL", "postgres://u:p@h/db?x=y"),
                        new EnvAssignment("EMPTY", ""), new EnvAssignment("SPACES", "  two words "));
    }

    @Test
    void atReadsAFileAndLosesOneTrailingLineBreak(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("key.txt");
        Files.writeString(key, "line1\nline2\r\n");
        Path blank = dir.resolve("blank");
        Files.writeString(blank, "v\n\n");
        assertThat(parse("KEY=@" + key, "B=@" + blank))
                .containsExactly(new EnvAssignment("KEY", "line1\nline2"), new EnvAssignment("B", "v\n"));
        assertThat(parse("AT=@@handle")).containsExactly(new EnvAssignment("AT", "@handle"));
    }

    @Test
    void dashReadsStdinOnce() {
        assertThat(EnvAssignment.parseAll(List.of("TOKEN=-", "X=y"), stdin("s3cr3t\n")))
                .containsExactly(new EnvAssignment("TOKEN", "s3cr3t"), new EnvAssignment("X", "y"));
        assertThatThrownBy(() -> EnvAssignment.parseAll(List.of("A=-", "B=-"), stdin("x")))
                .hasMessage("only one value can come from stdin (KEY=-)");
    }

    @Test
    void badArgumentsSayWhatIsExpectedWithoutEchoingValues(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> parse("NOEQUALS"))
                .isInstanceOf(CliFailure.class)
                .hasMessage("'NOEQUALS': expected KEY=VALUE, KEY=@FILE or KEY=- (value from stdin)");
        assertThatThrownBy(() -> parse("=value")).hasMessageContaining("expected KEY=VALUE");
        assertThatThrownBy(() -> parse("api_key=hunter2"))
                .hasMessage(
                        "'api_key': env var names are upper-case letters, digits and _, not starting with a digit (e.g. API_KEY)")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> parse("A=1", "A=2")).hasMessage("A is given twice");
        assertThatThrownBy(() -> parse("K=@" + dir.resolve("missing"))).hasMessageStartingWith("K: no such file ");
        Path big = dir.resolve("big");
        Files.write(big, new byte[32 * 1024 + 1]);
        assertThatThrownBy(() -> parse("K=@" + big)).hasMessageContaining("larger than 32 KiB");
        Path binary = dir.resolve("bin");
        Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThatThrownBy(() -> parse("K=@" + binary)).hasMessageContaining("not UTF-8");
    }

    @Test
    void exactly32KiBIsAccepted(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("max");
        Files.writeString(file, "x".repeat(32 * 1024) + "\n");
        assertThat(parse("K=@" + file).getFirst().value()).hasSize(32 * 1024);
    }
}
