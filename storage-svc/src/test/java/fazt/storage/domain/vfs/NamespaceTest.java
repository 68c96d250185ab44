package fazt.storage.domain.vfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.storage.domain.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class NamespaceTest {
    @ParameterizedTest
    @ValueSource(strings = {"site/a_7k2m/v3", "a", "0", "bundle/upload-1.zip", "a/../b", "trailing/"})
    void acceptsLowerCaseNames(String name) {
        assertThat(new Namespace(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Site/a", "/site", "_site", ".site", "-site", "site a", "site\\a", "site\u0000", "sité"})
    void refusesOtherNames(String name) {
        assertThatThrownBy(() -> new Namespace(name))
                .isInstanceOf(StorageException.InvalidNamespace.class)
                .hasMessageContaining("namespace");
    }

    @Test
    void accepts200Characters() {
        assertThat(new Namespace("x".repeat(200)).value()).hasSize(200);
    }

    @Test
    void refusesMoreThan200Characters() {
        assertThatThrownBy(() -> new Namespace("x".repeat(201)))
                .isInstanceOf(StorageException.InvalidNamespace.class)
                .hasMessageContaining("200");
    }
}
