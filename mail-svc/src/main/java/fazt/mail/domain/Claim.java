package fazt.mail.domain;

import java.time.Instant;

/** An address claimed through the admin API ({@code kind} {@code claimed} or {@code catch-all}) for a mailbox. */
public record Claim(String address, String mailbox, String kind, Instant createdAt) {
    public static final String CLAIMED = "claimed";
    public static final String CATCH_ALL = "catch-all";
}
