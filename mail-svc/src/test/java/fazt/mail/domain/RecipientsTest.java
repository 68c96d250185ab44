package fazt.mail.domain;

import static org.assertj.core.api.Assertions.assertThat;

import fazt.proto.deploy.DomainState;
import fazt.proto.deploy.MappedDomain;
import fazt.proto.deploy.TriggersReply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RecipientsTest {
    /** Claims in memory: the order of resolution is what is tested here; the table's own behaviour in the ITs. */
    static final class MemoryClaims implements Claims {
        final Map<String, Claim> claims = new ConcurrentHashMap<>();

        @Override
        public Optional<Claim> find(String address) {
            return Optional.ofNullable(claims.get(address));
        }

        @Override
        public List<Claim> all() {
            return List.copyOf(claims.values());
        }

        @Override
        public Optional<Claim> insert(Claim claim) {
            Claim existing = claims.putIfAbsent(claim.address(), claim);
            return Optional.ofNullable(existing);
        }

        @Override
        public boolean delete(String address) {
            return claims.remove(address) != null;
        }
    }

    final Directory directory = new Directory("mail.test");
    final MemoryClaims claims = new MemoryClaims();
    final Recipients recipients = new Recipients(directory, claims);

    @BeforeEach
    void apps() {
        directory.replaceApps(List.of(app("a_1", "one", List.of("support")), app("a_2", "two", List.of())));
        directory.replaceDomains(List.of(
                new MappedDomain("one.example", "a_1", "one", DomainState.VERIFIED, Instant.EPOCH),
                new MappedDomain("*.wild.example", "a_2", "two", DomainState.VERIFIED, Instant.EPOCH)));
    }

    @Test
    void nothingIsAcceptedBeforeTheDirectoryIsLoaded() {
        Recipients fresh = new Recipients(new Directory("mail.test"), claims);
        assertThat(fresh.resolve(address("a_1@mail.test"))).isInstanceOf(Recipients.NotReady.class);
    }

    @Test
    void addressesResolveInOrderClaimPrivateManifestPostmasterCatchAll() {
        assertThat(target("a_1@mail.test").kind()).isEqualTo(Target.PRIVATE);
        assertThat(target("A_1@MAIL.TEST").mailbox()).isEqualTo("app:a_1");
        assertThat(target("support@one.example").kind()).isEqualTo(Target.MANIFEST);
        assertThat(target("postmaster@one.example").mailbox()).isEqualTo(Mailbox.ADMIN);
        assertThat(recipients.resolve(address("nobody@one.example"))).isInstanceOf(Recipients.Unknown.class);

        claims.insert(new Claim("*@one.example", "app:a_2", Claim.CATCH_ALL, Instant.EPOCH));
        assertThat(target("nobody@one.example").mailbox()).isEqualTo("app:a_2");
        assertThat(target("postmaster@one.example").mailbox()).isEqualTo(Mailbox.ADMIN);
        assertThat(target("support@one.example").mailbox()).isEqualTo("app:a_1");

        claims.insert(new Claim("support@one.example", "user:u_9", Claim.CLAIMED, Instant.EPOCH));
        assertThat(target("support@one.example").mailbox()).isEqualTo("user:u_9");
    }

    @Test
    void otherDomainsAndWildcardMappingsAreNotLocal() {
        assertThat(recipients.resolve(address("x@elsewhere.example"))).isInstanceOf(Recipients.NotLocal.class);
        assertThat(recipients.resolve(address("support@a.wild.example"))).isInstanceOf(Recipients.NotLocal.class);
        assertThat(recipients.resolve(address("a_1@mail.test.evil.example"))).isInstanceOf(Recipients.NotLocal.class);
    }

    @Test
    void aDeletedAppsAddressesStopResolving() {
        claims.insert(new Claim("sales@mail.test", "app:a_1", Claim.CLAIMED, Instant.EPOCH));
        claims.insert(new Claim("*@one.example", "app:a_1", Claim.CATCH_ALL, Instant.EPOCH));
        assertThat(target("sales@mail.test").mailbox()).isEqualTo("app:a_1");
        directory.putApp("a_1", null);
        assertThat(recipients.resolve(address("sales@mail.test"))).isInstanceOf(Recipients.Unknown.class);
        assertThat(recipients.resolve(address("anything@one.example"))).isInstanceOf(Recipients.Unknown.class);
        assertThat(recipients.resolve(address("a_1@mail.test"))).isInstanceOf(Recipients.Unknown.class);
        assertThat(recipients.resolve(address("support@one.example"))).isInstanceOf(Recipients.Unknown.class);
    }

    private Target target(String address) {
        return ((Recipients.Found) recipients.resolve(address(address))).target();
    }

    private static Address address(String text) {
        return Address.parse(text).orElseThrow();
    }

    private static TriggersReply.AppTriggers app(String id, String name, List<String> addresses) {
        return new TriggersReply.AppTriggers(
                id, name, 1, List.of(), 1, 1000, 1, 1000, List.of(), null, null, null, addresses, true);
    }
}
