package fazt.platform.service.management;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** {@code GET /metrics} on the management port, in the Prometheus text format. */
@Controller
final class MetricsController {
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    MetricsController(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Get(uri = "/metrics", produces = PROMETHEUS_TEXT)
    HttpResponse<String> metrics() {
        return HttpResponse.ok(registry.scrape()).contentType(MediaType.of(PROMETHEUS_TEXT));
    }
}
