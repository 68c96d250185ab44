package fazt.runtime.engine;

import fazt.runtime.limits.HostLedger;
import fazt.runtime.web.FetchBudget;

/**
 * What the host side of a context needs from the invocation it currently serves: where {@code console} lines go and
 * how many outbound fetches are left.
 */
interface InvocationScope {
    /** A {@code console} line (or an uncaught error) of the app. */
    void log(String level, String message);

    /** The invocation's outbound fetch budget. */
    FetchBudget fetchBudget();

    /** What the invocation's host calls hold, and how many run at once (ADR 0034). */
    HostLedger ledger();

    /** The alias of the app the invocation runs for (what env.MAIL.send names as the sender), or null. */
    default String appName() {
        return null;
    }

    /** A scope that drops logs and allows no fetch (the deploy-time check). */
    InvocationScope SILENT = new InvocationScope() {
        @Override
        public void log(String level, String message) {}

        private final FetchBudget none = new FetchBudget(0);
        private final HostLedger unlimited = HostLedger.unlimited();

        @Override
        public HostLedger ledger() {
            return unlimited;
        }

        @Override
        public FetchBudget fetchBudget() {
            return none;
        }
    };
}
