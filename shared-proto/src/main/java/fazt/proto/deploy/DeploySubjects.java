package fazt.proto.deploy;

/** Subjects owned by deploy-svc (without the root). */
public final class DeploySubjects {
    /** Request {@link SiteRequest}; reply {@link SiteReply}: the live version of an app, as the gateway serves it. */
    public static final String SITE_GET = "svc.deploy.site.get";
    /** Request {@link AppEnvRequest}; reply {@link AppEnvReply}: an app's env vars and secrets, decrypted. */
    public static final String ENV_GET = "svc.deploy.env.get";
    /**
     * Request {@link TriggersRequest}; reply {@link TriggersReply}: the cron schedules and run policy of one app's
     * live version (or of every app), for scheduler-svc.
     */
    public static final String TRIGGERS_GET = "svc.deploy.triggers.get";
    /**
     * Request {@link AppOwnershipRequest}; reply {@link AppOwnershipReply}: list, hand over or delete the apps an
     * account owns (auth-svc, before it deletes the account).
     */
    public static final String APPS_OWNED = "svc.deploy.apps.owned";
    /** Event {@link AppChanged}: an app was deployed, rolled back, renamed or deleted (see its {@code change}). */
    public static final String APP_EVENTS = "evt.deploy.app.>";
    /** Event subject of one kind of change: {@code evt.deploy.app.<change>}. */
    public static String appEvent(AppChanged.Change change) {
        return "evt.deploy.app." + change.token();
    }

    /** Request {@link DomainsRequest}; reply {@link DomainsReply}: every mapped custom domain (a gateway at start). */
    public static final String DOMAINS_GET = "svc.deploy.domains.get";
    /**
     * Request {@link DomainChallengeRequest}; reply {@link DomainChallengeReply}: the verification token a gateway
     * serves at {@code /.well-known/fazt/<token>} on a mapped domain.
     */
    public static final String DOMAIN_CHALLENGE = "svc.deploy.domain.challenge";
    /** Event {@link DomainChanged}: a custom domain was mapped, verified, failed or removed. */
    public static final String DOMAIN_EVENTS = "evt.deploy.domain.>";
    /** Event subject of one kind of domain change: {@code evt.deploy.domain.<change>}. */
    public static String domainEvent(DomainChanged.Change change) {
        return "evt.deploy.domain." + change.token();
    }

    private DeploySubjects() {}
}
