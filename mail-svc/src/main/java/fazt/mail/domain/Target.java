package fazt.mail.domain;

/**
 * Where a recipient's mail goes: a {@code mailbox}, the app's id and name for an app mailbox (null for a user's), how
 * the address was found ({@code kind}, as {@code AddressView} names it).
 */
public record Target(String mailbox, String appId, String appName, String kind) {
    public static final String PRIVATE = "private";
    public static final String MANIFEST = "manifest";
    public static final String POSTMASTER = "postmaster";
}
