package fazt.storage.domain.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.storage.domain.StorageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class UploadIdTest {
    @ParameterizedTest
    @ValueSource(
            strings = {"abcdefgh", "A-b_C-d_0123", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void acceptsEightToSixtyFourSafeCharacters(String id) {
        assertThat(new UploadId(id).value()).isEqualTo(id);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "short",
                "abcdefg",
                "has space1",
                "abc/defgh",
                "upload:abcdefgh",
                "ünïcödé12",
                "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"
            })
    void refusesOthersNamingTheHeader(String id) {
        assertThatThrownBy(() -> UploadId.of("Fazt-Upload-Id", id))
                .isInstanceOf(StorageException.InvalidInput.class)
                .hasMessageStartingWith("Fazt-Upload-Id ");
    }
}
