package fazt.scheduler.domain;

/** Port: the durable work queue of runs (JetStream). Publishing the same run id twice queues it once. */
public interface RunQueue {
    /** Queues the run; throws when the queue did not confirm it (the run stays recorded and is queued later). */
    void publish(String runId);
}
