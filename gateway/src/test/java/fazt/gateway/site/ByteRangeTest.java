package fazt.gateway.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteRangeTest {
    @ParameterizedTest(name = "{0} of {1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "bytes=0-499                  | 1000 | 0-499",
                "bytes=500-                   | 1000 | 500-999",
                "bytes=-200                   | 1000 | 800-999",
                "bytes=-2000                  | 1000 | 0-999",
                "bytes=900-5000               | 1000 | 900-999",
                "bytes=0-99999999999999999999 | 1000 | 0-999",
                "BYTES=1-1                    | 1000 | 1-1",
                "bytes = 1-1                  | 1000 | ignored",
                "bytes=999-999                | 1000 | 999-999",
                "bytes=1000-                  | 1000 | unsatisfiable",
                "bytes=1000-2000              | 1000 | unsatisfiable",
                "bytes=-0                     | 1000 | unsatisfiable",
                "bytes=5-1                    | 1000 | ignored",
                "bytes=0-1,3-4                | 1000 | ignored",
                "bytes=a-b                    | 1000 | ignored",
                "bytes=-                      | 1000 | ignored",
                "bytes=0x10-                  | 1000 | ignored",
                "items=0-1                    | 1000 | ignored",
                "bytes=0-0                    | 0    | ignored",
            })
    void rangeShouldBeParsedAgainstTheSize(String field, long size, String expected) {
        ByteRange range = ByteRange.parse(field, size);
        String actual =
                switch (range) {
                    case ByteRange.Part part -> part.first() + "-" + part.last();
                    case ByteRange.Unsatisfiable unsatisfiable -> "unsatisfiable";
                    case ByteRange.Ignored ignored -> "ignored";
                };
        assertThat(actual).isEqualTo(expected);
    }
}
