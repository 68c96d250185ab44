package fazt.proto.scheduler;

import java.util.List;

/** What an app accepts from outside, and the bytes of async and webhook payloads it keeps now. */
public record IntakeView(List<String> async, int perMinute, int burst, long maxStoredBytes, long storedBytes) {}
