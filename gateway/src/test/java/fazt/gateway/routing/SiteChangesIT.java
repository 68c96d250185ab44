package fazt.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import fazt.gateway.GatewayService;
import fazt.platform.nats.EventStreams;
import fazt.platform.nats.FaztHeaders;
import fazt.platform.service.testing.TestSuite;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import fazt.proto.deploy.AppChanged;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.nats.client.Connection;
import io.nats.client.impl.Headers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * App events drop only the routes they name, through the real gateway over real NATS: a stand-in deploy-svc answers
 * {@code svc.deploy.site.get} from {@link #live} and counts the requests per alias, so what the gateway re-asks is
 * what its {@link SiteDirectory} dropped. Every test uses aliases of its own.
 */
class SiteChangesIT {
    @RegisterExtension
    static final TestSuite suite = TestSuite.of(new GatewayService());

    private static final Map<String, SiteReply> live = new ConcurrentHashMap<>();
    private static final Map<String, AtomicInteger> asked = new ConcurrentHashMap<>();
    private static Connection nats;

    @BeforeAll
    static void start() throws Exception {
        nats = suite.nats().connect();
        EventStreams.declare(nats, suite.nats().root(), ServiceName.DEPLOY); // deploy-svc's, which SiteChanges reads
        nats.createDispatcher().subscribe(suite.nats().root().qualify(DeploySubjects.SITE_GET), "deploy", message -> {
            String name = MessageCodec.INSTANCE
                    .decode(message.getData(), SiteRequest.class)
                    .name();
            asked.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Headers headers = new Headers();
            headers.put(FaztHeaders.TYPE, MessageCodec.typeId(SiteReply.class));
            nats.publish(
                    message.getReplyTo(),
                    headers,
                    MessageCodec.INSTANCE.encode(live.getOrDefault(name, SiteReply.notFound())));
        });
        nats.flush(Duration.ofSeconds(5));
    }

    @AfterAll
    static void stop() throws Exception {
        nats.close();
    }

    private static SiteDirectory directory() {
        return suite.service(ServiceName.GATEWAY).context().getBean(SiteDirectory.class);
    }

    private static void serve(String name, String appId) {
        live.put(
                name,
                new SiteReply(true, appId, name, 1, "site/" + appId + "/ns", null, null, null, Instant.now(), false));
    }

    private static int asked(String name) {
        return asked.getOrDefault(name, new AtomicInteger()).get();
    }

    /** Looks {@code name} up through the gateway's directory; what it answers. */
    private static SiteReply site(String name) {
        return directory().site(name).join();
    }

    private static AppChanged event(AppChanged.Change change, String appId, List<String> names) {
        return new AppChanged("e_" + UUID.randomUUID(), change, appId, names, 1, Instant.now());
    }

    /**
     * Publishes {@code event} once and waits until the gateway asks deploy-svc about {@code name} once more; the
     * deadline only keeps a broken build from hanging. Once, because the gateway reads the events from the stream (ADR
     * 25), so none is missed, and a copy still in flight would drop another test's loads under way.
     */
    private static void publishUntilAskedAgain(AppChanged event, String name) throws Exception {
        int before = asked(name);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        nats.publish(
                suite.nats().root().qualify(DeploySubjects.appEvent(event.change())),
                MessageCodec.INSTANCE.encode(event));
        nats.flush(Duration.ofSeconds(5));
        while (true) {
            site(name);
            if (asked(name) > before) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("the gateway never dropped " + name + " on " + event);
            }
            Thread.sleep(20);
        }
    }

    /**
     * Returns once an event of an app of its own was handled, hence every event published before it (one consumer, in
     * stream order).
     */
    private static void barrier() throws Exception {
        String marker = "marker-" + UUID.randomUUID().toString().substring(0, 8);
        serve(marker, "app_" + marker);
        site(marker);
        publishUntilAskedAgain(event(AppChanged.Change.DEPLOYED, "app_" + marker, List.of(marker)), marker);
    }

    @Test
    void aDeployOfOneAppKeepsEveryOtherAppsRoute() throws Exception {
        barrier(); // every event an earlier test published is handled
        serve("alpha", "app_alpha");
        serve("beta", "app_beta");
        site("alpha");
        site("beta");
        site("nobody");
        assertThat(asked("beta")).isEqualTo(1);

        publishUntilAskedAgain(event(AppChanged.Change.DEPLOYED, "app_alpha", List.of("alpha")), "alpha");
        barrier();

        site("beta");
        site("nobody");
        assertThat(asked("beta")).as("beta's route survived alpha's deploy").isEqualTo(1);
        assertThat(asked("nobody")).as("so did a cached 'no such app'").isEqualTo(1);
    }

    @Test
    void aRenameDropsTheOldAndTheNewAlias() throws Exception {
        serve("before", "app_renamed");
        assertThat(site("before").found()).isTrue();
        assertThat(site("after").found()).as("not yet").isFalse();
        live.remove("before");
        serve("after", "app_renamed");

        publishUntilAskedAgain(event(AppChanged.Change.RENAMED, "app_renamed", List.of("before", "after")), "after");
        barrier();

        assertThat(site("after").found()).isTrue();
        assertThat(site("before").found()).as("the old alias leads nowhere").isFalse();
    }

    @Test
    void aCloneDropsItsNewAliasAndADeleteItsOwn() throws Exception {
        barrier();
        serve("original", "app_original");
        site("original");
        assertThat(site("copy").found()).isFalse();
        serve("copy", "app_copy");
        publishUntilAskedAgain(event(AppChanged.Change.DEPLOYED, "app_copy", List.of("copy")), "copy");
        assertThat(site("copy").found()).isTrue();

        live.remove("copy");
        publishUntilAskedAgain(event(AppChanged.Change.DELETED, "app_copy", List.of("copy")), "copy");
        barrier();
        assertThat(site("copy").found()).isFalse();
        site("original");
        assertThat(asked("original")).isEqualTo(1);
    }

    @Test
    void anEventDropsItsAppUnderAnAliasItDoesNotName() throws Exception {
        serve("known", "app_known");
        site("known");
        publishUntilAskedAgain(event(AppChanged.Change.ENV_CHANGED, "app_known", List.of("unnamed-alias")), "known");
    }

    @Test
    void anAdminWriteDropsItsAppAndEveryNoSuchAppButNotOtherApps() throws Exception {
        barrier();
        serve("written", "app_written");
        serve("bystander", "app_bystander");
        site("written");
        site("bystander");
        assertThat(site("clone-target").found()).isFalse();
        serve("clone-target", "app_clone_target");

        directory().dropWritten(" Written"); // deploy-svc reads the alias trimmed and in lower case
        assertThat(site("clone-target").found())
                .as("a cached 'no such app' went")
                .isTrue();
        site("written");
        site("bystander");
        assertThat(asked("written")).isEqualTo(2);
        assertThat(asked("bystander")).isEqualTo(1);
    }

    @Test
    void theDirectoryIsMeteredInTheGatewaysRegistry() {
        serve("metered", "app_metered");
        site("metered");
        site("metered");
        MeterRegistry metrics = suite.service(ServiceName.GATEWAY).context().getBean(MeterRegistry.class);
        assertThat(metrics.get("cache.gets")
                        .tags("cache", "gateway.sites", "result", "hit")
                        .counter()
                        .count())
                .isPositive();
        assertThat(metrics.get("cache.size")
                        .tag("cache", "gateway.sites")
                        .gauge()
                        .value())
                .isPositive();
        for (String cache : List.of("gateway.paths", "gateway.principals", "gateway.app_sessions")) {
            assertThat(metrics.find("cache.size").tag("cache", cache).gauge())
                    .as(cache)
                    .isNotNull();
        }
    }

    @Test
    void anEventNamingNoAliasDropsEveryRoute() throws Exception {
        serve("gamma", "app_gamma");
        site("gamma");
        publishUntilAskedAgain(event(AppChanged.Change.DEPLOYED, "app_unknown", List.of()), "gamma");
    }
}
