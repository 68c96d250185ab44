package fazt.runtime.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** {@link LocalWait}: the value, the failure as thrown, and an interruption that keeps its flag. */
class LocalWaitTest {
    @Test
    void returnsTheValue() {
        assertThat(LocalWait.of(CompletableFuture.completedFuture("head"), "the handler"))
                .isEqualTo("head");
    }

    @Test
    void rethrowsAnUncheckedFailureAsItIs() {
        IllegalArgumentException failure = new IllegalArgumentException("bad");
        assertThatThrownBy(() -> LocalWait.of(CompletableFuture.failedFuture(failure), "the handler"))
                .isSameAs(failure);
    }

    @Test
    void wrapsACheckedFailure() {
        IOException failure = new IOException("gone");
        assertThatThrownBy(() -> LocalWait.of(CompletableFuture.failedFuture(failure), "the handler"))
                .isInstanceOf(IllegalStateException.class)
                .hasCause(failure);
    }

    @Test
    void anInterruptedWaitKeepsTheFlag() {
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> LocalWait.of(new CompletableFuture<>(), "the handler"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the handler");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }
}
