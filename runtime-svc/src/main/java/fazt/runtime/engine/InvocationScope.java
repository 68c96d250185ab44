package fazt.runtime.engine;

/**
 * What the host side of a context needs from the invocation it currently serves: where {@code console} lines go and
 * how many outbound fetches are left.
 */
interface InvocationScope {
    /** A {@code console} line (or an uncaught error) of the app. */
    void log(String level, String message);

    /** Takes one outbound fetch from the invocation's budget; false when it is used up. */
    boolean takeFetch();

    /** A scope that drops logs and allows no fetch (the deploy-time check). */
    InvocationScope SILENT = new InvocationScope() {
        @Override
        public void log(String level, String message) {
        }

        @Override
        public boolean takeFetch() {
            return false;
        }
    };
}
