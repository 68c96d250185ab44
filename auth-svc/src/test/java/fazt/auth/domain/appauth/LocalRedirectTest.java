package fazt.auth.domain.appauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.auth.domain.AuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalRedirectTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/notes", "/notes?x=1&y=%2F", "/a/b#top", "/_fazt/auth/me"})
    void pathsOnThisHostAreKept(String path) {
        assertThat(LocalRedirect.check(path)).isEqualTo(path);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void noRedirectMeansTheRoot(String path) {
        assertThat(LocalRedirect.check(path)).isEqualTo("/");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "//evil.example",
                "///evil.example",
                "/\\evil.example",
                "https://evil.example/",
                "javascript:alert(1)",
                "evil.example",
                "/a\\b",
                "/a b",
                "/a\tb",
                "/a\r\nSet-Cookie:x=1",
                "/é"
            })
    void anythingThatCouldLeaveTheHostIsRefused(String path) {
        assertThatThrownBy(() -> LocalRedirect.check(path))
                .isInstanceOf(AuthException.InvalidInput.class)
                .extracting(e -> ((AuthException) e).field())
                .isEqualTo("redirect");
    }

    @Test
    void overlongRedirectsAreRefused() {
        assertThatThrownBy(() -> LocalRedirect.check("/" + "a".repeat(LocalRedirect.MAX)))
                .isInstanceOf(AuthException.InvalidInput.class);
    }
}
