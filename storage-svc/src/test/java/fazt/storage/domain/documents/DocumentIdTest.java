package fazt.storage.domain.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.storage.domain.StorageException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DocumentIdTest {
    @Test
    void generatedIdsSortByTheirMillisecondAndDoNotRepeat() {
        String earlier = DocumentId.generate(1_700_000_000_000L).value();
        String later = DocumentId.generate(1_700_000_000_001L).value();
        String muchLater = DocumentId.generate(4_000_000_000_000L).value();
        assertThat(earlier).hasSize(26).isLessThan(later);
        assertThat(later).isLessThan(muchLater);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(DocumentId.generate(1_700_000_000_000L).value());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void givenIdsMustBeShortPrintableStrings() {
        assertThat(DocumentId.of("_id", "user:42").value()).isEqualTo("user:42");
        assertThatThrownBy(() -> DocumentId.of("_id", "")).isInstanceOf(StorageException.InvalidInput.class);
        assertThatThrownBy(() -> DocumentId.of("_id", "a\nb")).isInstanceOf(StorageException.InvalidInput.class);
        assertThatThrownBy(() -> DocumentId.of("_id", "x".repeat(129)))
                .isInstanceOf(StorageException.InvalidInput.class);
    }
}
