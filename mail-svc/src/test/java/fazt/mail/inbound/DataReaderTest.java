package fazt.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DataReaderTest {
    static DataReader.Data read(String data, int max) throws IOException {
        return DataReader.read(
                new ByteArrayInputStream(data.getBytes(StandardCharsets.ISO_8859_1)),
                new byte[0],
                max,
                System.nanoTime() + 60_000_000_000L);
    }

    @Test
    void crlfLinesAreKeptWhole() throws IOException {
        DataReader.Data d = read("Subject: a\r\n\r\nbody\r\n", 1000);
        assertThat(d.bareLineEnding()).isFalse();
        assertThat(d.tooBig()).isFalse();
        assertThat(new String(d.bytes(), StandardCharsets.US_ASCII)).isEqualTo("Subject: a\r\n\r\nbody\r\n");
    }

    @Test
    void aBareLfOrCrAnywhereIsNoticedAndNothingKept() throws IOException {
        for (String smuggled : new String[] {"a\nb\r\n", "a\rb\r\n", "a\r\n\n", "ab\r", "\n"}) {
            DataReader.Data d = read(smuggled, 1000);
            assertThat(d.bareLineEnding())
                    .as(smuggled.replace("\r", "\\r").replace("\n", "\\n"))
                    .isTrue();
            assertThat(d.bytes()).isEmpty();
        }
    }

    @Test
    void aBareLfAcrossBufferBoundariesIsNoticed() throws IOException {
        String data = "x".repeat(16383) + "\r" + "y\r\n";
        assertThat(read(data, 1 << 20).bareLineEnding()).isTrue();
        String fine = "x".repeat(16383) + "\r\n" + "y\r\n";
        assertThat(read(fine, 1 << 20).bareLineEnding()).isFalse();
    }

    @Test
    void thePrefixIsKeptFirstAndNotCounted() throws IOException {
        DataReader.Data d = DataReader.read(
                new ByteArrayInputStream("body\r\n".getBytes(StandardCharsets.US_ASCII)),
                "Received: x\r\n".getBytes(StandardCharsets.US_ASCII),
                6,
                System.nanoTime() + 60_000_000_000L);
        assertThat(d.tooBig()).isFalse();
        assertThat(new String(d.bytes(), StandardCharsets.US_ASCII)).isEqualTo("Received: x\r\nbody\r\n");
    }

    @Test
    void dataOverTheLimitIsReadToTheEndButNotKept() throws IOException {
        DataReader.Data d = read("x".repeat(2000) + "\r\n", 1000);
        assertThat(d.tooBig()).isTrue();
        assertThat(d.size()).isEqualTo(2002);
        assertThat(d.bytes()).isEmpty();
    }
}
