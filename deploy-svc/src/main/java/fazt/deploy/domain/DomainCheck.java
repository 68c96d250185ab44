package fazt.deploy.domain;

/** Port: fetches {@code http://<host>/.well-known/fazt/<token>} and tells whether it answered with the token. */
public interface DomainCheck {
    /** The outcome: {@code ok}, or why not in words a user can act on. */
    record Outcome(boolean ok, String reason) {
        public static Outcome passed() {
            return new Outcome(true, null);
        }

        public static Outcome failed(String reason) {
            return new Outcome(false, reason);
        }
    }

    Outcome check(String host, String token);
}
