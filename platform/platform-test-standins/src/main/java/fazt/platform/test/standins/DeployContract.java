package fazt.platform.test.standins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import fazt.platform.nats.NatsRequester;
import fazt.platform.nats.NatsRequester.RemoteProblemException;
import fazt.proto.deploy.AppEnvReply;
import fazt.proto.deploy.AppEnvRequest;
import fazt.proto.deploy.DeploySubjects;
import fazt.proto.deploy.SiteReply;
import fazt.proto.deploy.SiteRequest;
import fazt.proto.deploy.TriggersReply;
import fazt.proto.deploy.TriggersRequest;
import fazt.proto.problem.Problem;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * What deploy-svc answers the other services over NATS, as far as their tests lean on {@link DeployStandIn}: an app's
 * live site by name ({@code svc.deploy.site.get}), its env vars by id ({@code svc.deploy.env.get}) and its triggers
 * ({@code svc.deploy.triggers.get}), before and after the app is deleted. deploy-svc's {@code DeployContractIT} runs
 * it against the real service (apps deployed through its admin API) and {@code DeployStandInIT} against the stand-in
 * (apps declared), so the stand-in cannot drift from the service in what this checks. What the real service derives
 * from a bundle (manifest rules, schedules, limits) is deploy-svc's own tests' business; here an app is a static site
 * with an {@code index.html} and no manifest. Each test works under app names of its own.
 */
public interface DeployContract {
    Duration TIMEOUT = Duration.ofSeconds(10);

    /** Requests on the subject root where the deploy under test answers. */
    NatsRequester deploy();

    /** Makes a new static app named {@code name} live at version 1 (no manifest, no server code); returns its id. */
    String deployStaticApp(String name) throws Exception;

    /** Sets the env vars of the app {@code name} (id {@code appId}) to {@code values}, none before. */
    void setEnv(String appId, String name, Map<String, String> values) throws Exception;

    /** Deletes the app {@code name} (id {@code appId}). */
    void deleteApp(String appId, String name) throws Exception;

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private SiteReply site(String name) {
        return join(deploy().request(DeploySubjects.SITE_GET, new SiteRequest(name), SiteReply.class, TIMEOUT));
    }

    private AppEnvReply env(String appId) {
        return join(deploy().request(DeploySubjects.ENV_GET, new AppEnvRequest(appId), AppEnvReply.class, TIMEOUT));
    }

    private TriggersReply triggers(String appId) {
        return join(deploy().request(
                        DeploySubjects.TRIGGERS_GET, new TriggersRequest(appId), TriggersReply.class, TIMEOUT));
    }

    private static <T> T join(CompletableFuture<T> reply) {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    default void aLiveAppsSiteIsFoundByNameAndAnUnknownNameIsNot() throws Exception {
        String name = unique("site-");
        String id = deployStaticApp(name);
        SiteReply site = site(name);
        assertThat(site.found()).isTrue();
        assertThat(site.appId()).isEqualTo(id);
        assertThat(site.name()).isEqualTo(name);
        assertThat(site.version()).isEqualTo(1);
        assertThat(site.namespace()).isNotBlank();
        assertThat(site.spa()).isNull();
        assertThat(site.headers()).isEmpty();
        assertThat(site.redirects()).isEmpty();
        assertThat(site.deployedAt()).isNotNull();
        assertThat(site.api()).isFalse();

        assertThat(site(unique("nothing-"))).isEqualTo(SiteReply.notFound());
        assertThat(site(null)).isEqualTo(SiteReply.notFound());
    }

    @Test
    default void anAppsEnvIsItsWholeSetEmptyWhenNoneAndAnUnknownAppIsNotFound() throws Exception {
        String name = unique("env-");
        String id = deployStaticApp(name);
        assertThat(env(id)).isEqualTo(new AppEnvReply(true, Map.of()));
        setEnv(id, name, Map.of("API_KEY", "k-123", "MODE", "test"));
        assertThat(env(id)).isEqualTo(new AppEnvReply(true, Map.of("API_KEY", "k-123", "MODE", "test")));
        assertThat(env(unique("a_"))).isEqualTo(new AppEnvReply(false, Map.of()));
    }

    @Test
    default void anEnvRequestWithoutAnAppIdIsA400NamingIt() {
        Throwable thrown = catchThrowable(() -> env(null));
        assertThat(thrown).isInstanceOf(RemoteProblemException.class);
        Problem problem = ((RemoteProblemException) thrown).problem();
        assertThat(problem.status()).isEqualTo(400);
        assertThat(problem.errors()).extracting(Problem.FieldError::field).containsExactly("appId");
    }

    @Test
    default void triggersAreThoseOfTheLiveVersionForOneAppOrAll() throws Exception {
        String name = unique("trig-");
        String id = deployStaticApp(name);
        TriggersReply.AppTriggers one = triggers(id).apps().getFirst();
        assertThat(triggers(id).apps()).hasSize(1);
        assertThat(one.appId()).isEqualTo(id);
        assertThat(one.name()).isEqualTo(name);
        assertThat(one.version()).isEqualTo(1);
        assertThat(one.schedules()).isEmpty();
        assertThat(one.mailAddresses()).isEmpty();
        assertThat(one.serverCode()).isFalse();
        assertThat(triggers(null).apps())
                .extracting(TriggersReply.AppTriggers::appId)
                .contains(id);
        assertThat(triggers(unique("a_")).apps()).isEmpty();
    }

    @Test
    default void aDeletedAppHasNoSiteNoEnvAndNoTriggers() throws Exception {
        String name = unique("gone-");
        String id = deployStaticApp(name);
        setEnv(id, name, Map.of("KEY", "v"));
        deleteApp(id, name);
        assertThat(site(name).found()).isFalse();
        assertThat(env(id)).isEqualTo(new AppEnvReply(false, Map.of()));
        assertThat(triggers(id).apps()).isEmpty();
        assertThat(triggers(null).apps())
                .extracting(TriggersReply.AppTriggers::appId)
                .doesNotContain(id);
    }
}
