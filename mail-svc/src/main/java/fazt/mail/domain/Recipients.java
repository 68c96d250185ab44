package fazt.mail.domain;

import java.util.Optional;

/**
 * Resolves a recipient to its mailbox (ADR 30), in this order: an address claimed through the API; an app's private
 * address {@code <app-id>@<mail domain>}; a local part an app claims in its manifest, at a custom domain mapped to
 * it; {@code postmaster@} and {@code abuse@} of any local domain (the admin mailbox, {@link Mailbox#ADMIN}); the
 * domain's catch-all. A claim for an app that no longer exists receives nothing.
 */
public final class Recipients {
    /** What {@code RCPT} learns of an address. */
    public sealed interface Verdict {}

    /** The domain is not this installation's: relaying is refused. */
    public record NotLocal() implements Verdict {}

    /** A local domain without this address. */
    public record Unknown() implements Verdict {}

    public record Found(Target target) implements Verdict {}

    /** Apps and domains are not loaded yet: try again later. */
    public record NotReady() implements Verdict {}

    private final Directory directory;
    private final Claims claims;

    public Recipients(Directory directory, Claims claims) {
        this.directory = directory;
        this.claims = claims;
    }

    public Verdict resolve(Address address) {
        if (!directory.ready()) {
            return new NotReady();
        }
        if (!directory.isLocal(address.domain()) || address.catchAll()) {
            return directory.isLocal(address.domain()) ? new Unknown() : new NotLocal();
        }
        Optional<Claim> claimed = claims.find(address.toString()).filter(this::live);
        if (claimed.isPresent()) {
            return new Found(target(claimed.get().mailbox(), Claim.CLAIMED));
        }
        if (address.domain().equals(directory.mailDomain())) {
            Optional<Directory.App> app = directory.appWithId(address.local());
            if (app.isPresent()) {
                return new Found(new Target(
                        Mailbox.app(app.get().appId()),
                        app.get().appId(),
                        app.get().name(),
                        Target.PRIVATE));
            }
        }
        Optional<Directory.App> owner = directory.manifestOwner(address);
        if (owner.isPresent()) {
            return new Found(new Target(
                    Mailbox.app(owner.get().appId()),
                    owner.get().appId(),
                    owner.get().name(),
                    Target.MANIFEST));
        }
        if (address.local().equals("postmaster") || address.local().equals("abuse")) {
            return new Found(new Target(Mailbox.ADMIN, null, null, Target.POSTMASTER));
        }
        Optional<Claim> catchAll = claims.find("*@" + address.domain()).filter(this::live);
        if (catchAll.isPresent()) {
            return new Found(target(catchAll.get().mailbox(), Claim.CATCH_ALL));
        }
        return new Unknown();
    }

    /** A claim for a user, or for an app that still exists (a deleted app's claims receive nothing). */
    private boolean live(Claim claim) {
        String appId = Mailbox.appIdOf(claim.mailbox());
        return appId == null || directory.app(appId).isPresent();
    }

    private Target target(String mailbox, String kind) {
        String appId = Mailbox.appIdOf(mailbox);
        String name = appId == null
                ? null
                : directory.app(appId).map(Directory.App::name).orElse(null);
        return new Target(mailbox, appId, name, kind);
    }
}
