package fazt.scheduler.domain;

/**
 * How an app's runs execute, from its live {@code fazt.json}: {@code attempts} in all, first retry delay
 * {@code backoffMillis}, at most {@code concurrency} runs at once across all scheduler instances, {@code timeoutMillis}
 * of wall time per attempt. {@code appName} is the app's current alias (runs are addressed to the live version by it).
 */
public record RunPolicy(
        String appId, String appName, int attempts, long backoffMillis, int concurrency, int timeoutMillis) {
    /** The policy of an app deploy-svc has not described (yet): the {@code fazt.json} defaults. */
    public static RunPolicy defaults(String appId, String appName) {
        return new RunPolicy(appId, appName, 3, 1_000, 4, 30_000);
    }
}
