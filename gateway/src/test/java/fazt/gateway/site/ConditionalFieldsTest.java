package fazt.gateway.site;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConditionalFieldsTest {
    private static final String TAG = "\"0123456789abcdef0123456789abcdef\"";

    @ParameterizedTest(name = "{0} weak={1} -> {2}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{tag}                     | true  | true",
                "{tag}                     | false | true",
                "W/{tag}                   | true  | true",
                "W/{tag}                   | false | false",
                "\"a\",{tag}               | true  | true",
                "\"a\" , W/\"b\",   {tag}  | true  | true",
                "\"a,b\", {tag}            | true  | true",
                "*                         | false | true",
                "\"a\"                     | true  | false",
                "0123456789abcdef0123456789abcdef | true | false",
                "\"unterminated            | true  | false",
                "garbage, {tag}            | true  | true",
                "{tag}x                    | true  | true",
            })
    void listShouldMatchByTheComparisonAsked(String field, boolean weak, boolean matches) {
        assertThat(EntityTags.listMatches(field.replace("{tag}", TAG), TAG, weak))
                .isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "gzip, deflate, br, zstd       | br",
                "gzip                          | gzip",
                "x-gzip                        | gzip",
                "br;q=0, gzip                  | gzip",
                "br;q=0.8, gzip;q=0.9          | gzip",
                "br;q=0.9, gzip;q=0.9          | br",
                "*;q=0.1                       | br",
                "*, br;q=0                     | gzip",
                "gzip;q=0                      | identity",
                "gzip;q=bad                    | identity",
                "deflate                       | identity",
                "''                            | identity",
            })
    void acceptEncodingShouldChooseTheBestAllowedCoding(String field, String coding) {
        assertThat(AcceptEncoding.negotiate(field, true).token()).isEqualTo(coding);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"gzip, br | gzip", "br | identity", "* | gzip"})
    void withoutBrotliGzipShouldBeChosen(String field, String coding) {
        assertThat(AcceptEncoding.negotiate(field, false).token()).isEqualTo(coding);
    }
}
