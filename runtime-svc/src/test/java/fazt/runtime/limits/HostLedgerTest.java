package fazt.runtime.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostLedgerTest {
    private static final long MB = 1 << 20;

    @Test
    void chargesCountWithTheJavaScriptAllocationAndAreRefusedPastTheBudget() {
        HostLedger ledger = new HostLedger(20 * MB, 4);
        ledger.countJavaScript(() -> 5 * MB);
        HostLedger.Lease first = ledger.lease();
        first.charge(8 * MB, "env.FILES.get of 8 MB");
        assertThat(ledger.held()).isEqualTo(8 * MB);
        HostLedger.Lease second = ledger.lease();
        assertThatThrownBy(() -> second.charge(8 * MB, "env.FILES.get of 8 MB"))
                .isInstanceOf(HostLedger.Refused.class)
                .hasMessage("env.FILES.get of 8 MB refused: its 8.0 MB would take this request past its memory budget"
                        + " of 20 MB (JavaScript 5.0 MB, host calls 8.0 MB in flight)");
        assertThat(ledger.held()).isEqualTo(8 * MB);
        first.close();
        first.close(); // idempotent
        assertThat(ledger.held()).isZero();
        second.charge(8 * MB, "env.FILES.get of 8 MB");
        assertThat(ledger.held()).isEqualTo(8 * MB);
    }

    @Test
    void afterTheInvocationEndsEveryChargeIsRefusedAndWaitingCallsNeverStart() {
        HostLedger ledger = new HostLedger(20 * MB, 1);
        List<String> started = new ArrayList<>();
        ledger.startCall(() -> started.add("a"));
        ledger.startCall(() -> started.add("b"));
        HostLedger.Lease lease = ledger.lease();
        ledger.close();
        assertThat(lease.live()).isFalse();
        assertThatThrownBy(() -> lease.charge(1, "fetch to example.com"))
                .hasMessage("fetch to example.com stopped: the request ended");
        ledger.endCall();
        assertThat(started).containsExactly("a");
    }

    @Test
    void callsBeyondTheCapWaitInOrderForOneToFinish() {
        HostLedger ledger = new HostLedger(20 * MB, 2);
        List<String> started = new ArrayList<>();
        for (String call : List.of("a", "b", "c", "d")) {
            ledger.startCall(() -> started.add(call));
        }
        assertThat(started).containsExactly("a", "b");
        assertThat(ledger.waitingCalls()).isEqualTo(2);
        ledger.endCall();
        assertThat(started).containsExactly("a", "b", "c");
        ledger.endCall();
        ledger.endCall();
        assertThat(started).containsExactly("a", "b", "c", "d");
        assertThat(ledger.waitingCalls()).isZero();
    }
}
