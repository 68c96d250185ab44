package fazt.mail.domain;

import fazt.proto.mail.AddressView;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The addresses mail is accepted for (ADR 30): derived ones (each app's private address, the manifest local parts at
 * the custom domains mapped to their app, {@code postmaster@} and {@code abuse@} of every local domain) and the ones
 * claimed through the API, which an admin claims and releases here.
 */
public final class ManageAddresses {
    private final Directory directory;
    private final Claims claims;
    private final Clock clock;

    public ManageAddresses(Directory directory, Claims claims, Clock clock) {
        this.directory = directory;
        this.claims = claims;
        this.clock = clock;
    }

    /** Every address, sorted by domain, then local part. */
    public List<AddressView> all() {
        List<AddressView> out = new ArrayList<>();
        List<Claim> claimed = claims.all();
        Set<String> taken = claimed.stream().map(Claim::address).collect(Collectors.toSet());
        for (Claim c : claimed) {
            out.add(view(c));
        }
        for (Directory.App app : directory.apps()) {
            out.addAll(derived(app).stream()
                    .filter(v -> !taken.contains(v.address()))
                    .toList());
        }
        List<String> domains = new ArrayList<>();
        domains.add(directory.mailDomain());
        directory.domains().forEach(d -> domains.add(d.domain()));
        for (String domain : domains) {
            for (String local : List.of("abuse", "postmaster")) {
                String address = local + "@" + domain;
                if (!taken.contains(address)) {
                    out.add(new AddressView(address, Mailbox.ADMIN, null, Target.POSTMASTER, null));
                }
            }
        }
        return sorted(out);
    }

    /** The addresses delivering to app {@code appId}. */
    public List<AddressView> ofApp(Directory.App app) {
        String mailbox = Mailbox.app(app.appId());
        List<Claim> claimed = claims.all();
        Set<String> taken = claimed.stream().map(Claim::address).collect(Collectors.toSet());
        List<AddressView> out = new ArrayList<>();
        claimed.stream().filter(c -> c.mailbox().equals(mailbox)).forEach(c -> out.add(view(c)));
        derived(app).stream().filter(v -> !taken.contains(v.address())).forEach(out::add);
        return sorted(out);
    }

    /** The private address of an app. */
    public String privateAddress(Directory.App app) {
        return app.appId().toLowerCase(java.util.Locale.ROOT) + "@" + directory.mailDomain();
    }

    /**
     * Claims {@code text} ({@code local@domain} or {@code *@domain}) for app {@code appName}, or for {@code userId}'s
     * mailbox when {@code appName} is null.
     */
    public AddressView claim(String text, String appName, String userId) {
        Address address = Address.parse(text)
                .orElseThrow(() -> new MailException.InvalidAddress(
                        "\"address\" must be local@domain or *@domain, got \"" + shorten(text) + "\"."));
        if (!directory.isLocal(address.domain())) {
            throw new MailException.InvalidAddress(address.domain()
                    + " is not a mail domain of this installation (the mail domain or a mapped custom domain).");
        }
        String mailbox;
        if (appName != null) {
            Directory.App app = directory.appNamed(appName).orElseThrow(() -> new MailException.AppNotFound(appName));
            mailbox = Mailbox.app(app.appId());
        } else {
            mailbox = Mailbox.user(userId);
        }
        if (!address.catchAll()) {
            Optional<String> holder = derivedHolder(address);
            if (holder.isPresent()) {
                throw new MailException.AddressTaken(address.toString(), holder.get());
            }
        }
        Claim claim = new Claim(
                address.toString(), mailbox, address.catchAll() ? Claim.CATCH_ALL : Claim.CLAIMED, clock.instant());
        Optional<Claim> existing = claims.insert(claim);
        if (existing.isPresent()) {
            throw new MailException.AddressTaken(
                    address.toString(), holderName(existing.get().mailbox()));
        }
        return view(claim);
    }

    public void release(String text) {
        Address address = Address.parse(text).orElseThrow(() -> new MailException.NoAddress(shorten(text)));
        if (!claims.delete(address.toString())) {
            throw new MailException.NoAddress(address.toString());
        }
    }

    private Optional<String> derivedHolder(Address address) {
        if (address.domain().equals(directory.mailDomain())) {
            Optional<Directory.App> app = directory.appWithId(address.local());
            if (app.isPresent()) {
                return Optional.of("app " + app.get().name());
            }
        }
        return directory.manifestOwner(address).map(a -> "app " + a.name());
    }

    private String holderName(String mailbox) {
        String appId = Mailbox.appIdOf(mailbox);
        if (appId == null) {
            return mailbox;
        }
        return directory.app(appId).map(a -> "app " + a.name()).orElse(mailbox);
    }

    private List<AddressView> derived(Directory.App app) {
        String mailbox = Mailbox.app(app.appId());
        List<AddressView> out = new ArrayList<>();
        out.add(new AddressView(privateAddress(app), mailbox, app.name(), Target.PRIVATE, null));
        directory.domains().stream().filter(d -> d.appId().equals(app.appId())).forEach(d -> app.mailAddresses()
                .forEach(local -> out.add(
                        new AddressView(local + "@" + d.domain(), mailbox, app.name(), Target.MANIFEST, null))));
        return out;
    }

    private AddressView view(Claim c) {
        String appId = Mailbox.appIdOf(c.mailbox());
        String app = appId == null
                ? null
                : directory.app(appId).map(Directory.App::name).orElse(null);
        return new AddressView(c.address(), c.mailbox(), app, c.kind(), c.createdAt());
    }

    private static List<AddressView> sorted(List<AddressView> views) {
        return views.stream()
                .sorted(Comparator.comparing((AddressView v) -> domainOf(v.address()))
                        .thenComparing(v -> v.address().substring(0, v.address().lastIndexOf('@'))))
                .toList();
    }

    private static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }

    private static String shorten(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 100 ? text.substring(0, 100) + "…" : text;
    }
}
