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

    private DeploySubjects() {}
}
