package fazt.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.gateway.edge.intake.Route;
import fazt.gateway.edge.intake.Routes;
import fazt.proto.deploy.DomainChanged;
import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.MappedDomain;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Custom domains in host routing: exact over wildcard, one wildcard level, events and snapshots, the challenge path. */
class CustomDomainsTest {
    private final CustomDomains domains = new CustomDomains();
    private final HostRouter router = new HostRouter("fazt.example.net", domains);

    private static MappedDomain mapped(String domain, String app) {
        return new MappedDomain(domain, "a_" + app, app, DomainState.PENDING, null);
    }

    private static DomainChanged event(DomainChanged.Change change, MappedDomain domain) {
        return new DomainChanged("e_" + domain.domain(), change, domain, Instant.now());
    }

    @Test
    void exactMappingWinsOverTheWildcardAndAWildcardCoversOneLevel() {
        domains.replace(List.of(
                mapped("*.shops.example.com", "shops"),
                mapped("vip.shops.example.com", "vip"),
                mapped("shop.example.com", "shop")));

        assertThat(router.route("vip.shops.example.com"))
                .isEqualTo(new HostRoute(HostRoute.Kind.APP, "vip", "vip.shops.example.com", "vip.shops.example.com"));
        assertThat(router.route("Anna.Shops.Example.com:8080"))
                .isEqualTo(new HostRoute(HostRoute.Kind.APP, "shops", "anna.shops.example.com", "*.shops.example.com"));
        assertThat(router.route("shop.example.com."))
                .isEqualTo(new HostRoute(HostRoute.Kind.APP, "shop", "shop.example.com", "shop.example.com"));
        // The wildcard covers neither its apex nor two levels down.
        assertThat(router.route("shops.example.com").kind()).isEqualTo(HostRoute.Kind.UNKNOWN);
        assertThat(router.route("a.b.shops.example.com").kind()).isEqualTo(HostRoute.Kind.UNKNOWN);
        assertThat(router.route("example.com").kind()).isEqualTo(HostRoute.Kind.UNKNOWN);
        // The install's own hosts are not custom.
        assertThat(router.route("blog.fazt.example.net").custom()).isFalse();
        assertThat(router.route("blog.fazt.example.net").app()).isEqualTo("blog");
    }

    @Test
    void unicodeHostsMatchTheirPunycodeMapping() {
        domains.replace(List.of(mapped("xn--bcher-kva.example", "books")));
        assertThat(router.route("bücher.example").app()).isEqualTo("books");
        assertThat(router.route("BÜCHER.example").custom()).isTrue();
    }

    @Test
    void eventsMapRenameAndRemove() {
        domains.apply(event(DomainChanged.Change.MAPPED, mapped("shop.example.com", "shop")));
        assertThat(router.route("shop.example.com").app()).isEqualTo("shop");
        domains.apply(event(DomainChanged.Change.MAPPED, mapped("shop.example.com", "store")));
        assertThat(router.route("shop.example.com").app()).isEqualTo("store");
        domains.apply(event(DomainChanged.Change.REMOVED, mapped("shop.example.com", "store")));
        assertThat(router.route("shop.example.com"))
                .isEqualTo(new HostRoute(HostRoute.Kind.UNKNOWN, HostRoute.NOT_FOUND_APP, "shop.example.com"));
    }

    @Test
    void aSnapshotDoesNotUndoEventsThatArrivedWhileItWasAskedFor() {
        domains.replace(List.of(mapped("old.example.com", "old"), mapped("gone.example.com", "gone")));
        domains.snapshotAsked();
        domains.apply(event(DomainChanged.Change.REMOVED, mapped("gone.example.com", "gone")));
        domains.apply(event(DomainChanged.Change.MAPPED, mapped("new.example.com", "new")));
        // The snapshot was read before those events: it still has gone, not new, and has lost old.
        domains.replace(List.of(mapped("gone.example.com", "gone")));
        assertThat(domains.lookup("gone.example.com")).isEmpty();
        assertThat(domains.lookup("new.example.com")).isPresent();
        assertThat(domains.lookup("old.example.com")).isEmpty();
    }

    @Test
    void theChallengePathIsRoutedOnlyOnCustomDomains() {
        domains.replace(List.of(mapped("shop.example.com", "shop")));
        assertThat(Routes.classify(router.route("shop.example.com"), "GET", "/.well-known/fazt/abc"))
                .isEqualTo(new Route.DomainChallenge(router.route("shop.example.com"), "abc"));
        assertThat(Routes.classify(router.route("shop.example.com"), "GET", "/index.html"))
                .isInstanceOf(Route.AppStatic.class);
        assertThat(Routes.classify(router.route("shop.example.com"), "GET", "/_fazt/auth/me"))
                .isInstanceOf(Route.AppPlatform.class);
        assertThat(Routes.classify(router.route("shop.example.com"), "POST", "/api/x"))
                .isInstanceOf(Route.AppFunction.class);
        assertThat(Routes.classify(router.route("blog.fazt.example.net"), "GET", "/.well-known/fazt/abc"))
                .isInstanceOf(Route.AppStatic.class);
    }
}
