package fazt.proto.scheduler;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * {@code GET /api/apps/{name}/schedules}: the app's schedules, run policy and intake; the last two are null until
 * deploy-svc's triggers reached the scheduler.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScheduleList(List<ScheduleView> schedules, PolicyView policy, IntakeView intake) {}
