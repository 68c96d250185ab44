package fazt.scheduler.domain;

import fazt.proto.deploy.TriggersReply;
import java.util.Optional;

/** Port: what the live version of one app declares (schedules, run policy), read from deploy-svc. */
public interface AppTriggerSource {
    /** The app's triggers, or empty when the app has no live version (or does not exist). */
    Optional<TriggersReply.AppTriggers> fetch(String appId);
}
