package fazt.proto.scheduler;

/** An app's run policy as the scheduler holds it. */
public record PolicyView(int attempts, long backoffMillis, int concurrency, int timeoutMillis) {}
