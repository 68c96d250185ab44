package fazt.proto.deploy;

/** Where a mapped custom domain stands in its verification (docs/adr/0027-custom-domains.md). */
public enum DomainState {
    /** Mapped, not yet shown to point at this install. */
    PENDING("pending"),
    /** The last check found the challenge served by this install. */
    VERIFIED("verified"),
    /** Checks failed (the first check, or several in a row of a once verified domain). */
    FAILED("failed");

    private final String token;

    DomainState(String token) {
        this.token = token;
    }

    /** The lower-case word shown to people (CLI, docs). */
    public String token() {
        return token;
    }
}
