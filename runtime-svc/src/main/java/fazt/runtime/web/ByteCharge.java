package fazt.runtime.web;

/**
 * Charges the bytes an outbound fetch is about to hold (its response body, as it arrives) to the invocation that made
 * it (ADR 0034); refuses with the {@link FetchException} the app sees when the invocation's memory budget would be
 * passed or the invocation ended.
 */
@FunctionalInterface
public interface ByteCharge {
    /** Charges nothing (tests, tools). */
    ByteCharge NONE = (bytes, what) -> {};

    /** Charges {@code bytes} for {@code what} ("fetch to example.com"), or refuses. */
    void charge(long bytes, String what) throws FetchException;
}
