package fazt.scheduler.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/** Port: schedules, run policies and intakes, per app, as deploy-svc last described them. Transactional per method. */
public interface Schedules {
    /**
     * Makes the app's schedules, policy and intake equal to {@code policy}, {@code intake} and {@code schedules}
     * (policy null: the app is gone, drop all). A schedule whose definition did not change keeps its fire times; a new
     * or changed one fires next at its {@code nextFire}.
     */
    void replace(String appId, RunPolicy policy, Intake intake, List<Schedule> schedules);

    /** Every app with a policy. */
    List<String> appIds();

    List<Schedule> of(String appId);

    Optional<RunPolicy> policy(String appId);

    /** What the app accepts from outside; empty while deploy-svc has not described the app. */
    Optional<Intake> intake(String appId);

    /**
     * In one transaction: claims up to {@code limit} schedules due at {@code now} that no other instance holds
     * ({@code FOR UPDATE SKIP LOCKED}), asks {@code decide} what each does, records the runs it returns and advances
     * each schedule to the next fire time. Returns the runs recorded (to be queued after the commit).
     */
    List<Run> fireDue(Instant now, int limit, BiFunction<Schedule, RunPolicy, Tick> decide);

    /** What a due schedule does: record {@code run} (null: nothing fires) and next fire at {@code nextFire}. */
    record Tick(Run run, Instant nextFire) {}
}
