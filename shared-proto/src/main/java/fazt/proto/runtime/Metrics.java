package fazt.proto.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The answer of {@code GET /api/apps/{name}/metrics}: the last hour's and the last day's figures. */
public record Metrics(
        @JsonProperty("1h") MetricsWindow lastHour,
        @JsonProperty("24h") MetricsWindow lastDay) {}
