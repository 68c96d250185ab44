package fazt.platform.service.management;

import fazt.platform.service.health.Readiness;
import fazt.proto.MessageCodec;
import fazt.proto.health.HealthReport;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** {@code GET /health} on the management port: 200 with the report when ready, 503 with it when not. */
@Controller
final class HealthController {
    private final Readiness readiness;

    HealthController(Readiness readiness) {
        this.readiness = readiness;
    }

    @Get(uri = "/health", produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    HttpResponse<byte[]> health() {
        HealthReport report = readiness.report();
        return HttpResponse.<byte[]>status(report.up() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(MessageCodec.INSTANCE.encode(report));
    }
}
