package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.proto.MessageCodec;
import fazt.proto.ServiceName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * ops/grafana holds one importable dashboard per service and one for the suite: a current schema, a Prometheus data
 * source chosen on import ({@code ${datasource}}) used by every query, unique uids and panel ids. (MonitoringE2E checks
 * the metric names the queries read.)
 */
class DashboardsTest {
    @Test
    void oneDashboardPerServiceAndOneForTheSuite() throws Exception {
        Set<String> names = new HashSet<>();
        for (Path dashboard : MonitoringFiles.dashboards()) {
            names.add(dashboard.getFileName().toString());
        }
        Set<String> expected = new HashSet<>(Set.of("suite.json"));
        for (ServiceName service : ServiceName.values()) {
            expected.add(service.id() + ".json");
        }
        assertThat(names).isEqualTo(expected);
    }

    @Test
    void everyDashboardIsImportableWithAPrometheusDataSourceVariable() throws Exception {
        Set<String> uids = new HashSet<>();
        for (Path file : MonitoringFiles.dashboards()) {
            JsonNode dashboard = MessageCodec.INSTANCE.mapper().readTree(file.toFile());
            String name = file.getFileName().toString();
            assertThat(dashboard.path("schemaVersion").asInt()).as(name).isGreaterThanOrEqualTo(39);
            assertThat(uids.add(dashboard.path("uid").asText()))
                    .as("%s: unique uid", name)
                    .isTrue();
            assertThat(dashboard.path("title").asText()).as(name).startsWith("fazt / ");
            JsonNode datasource = dashboard.path("templating").path("list").path(0);
            assertThat(datasource.path("name").asText()).as(name).isEqualTo("datasource");
            assertThat(datasource.path("type").asText()).as(name).isEqualTo("datasource");
            assertThat(datasource.path("query").asText()).as(name).isEqualTo("prometheus");
            List<JsonNode> panels = new ArrayList<>();
            dashboard.path("panels").forEach(panels::add);
            Set<Integer> ids = new HashSet<>();
            int queries = 0;
            for (JsonNode panel : panels) {
                assertThat(ids.add(panel.path("id").asInt()))
                        .as("%s: unique panel id", name)
                        .isTrue();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(target.path("datasource").path("uid").asText())
                            .as("%s: %s", name, panel.path("title").asText())
                            .isEqualTo("${datasource}");
                    assertThat(target.path("expr").asText()).isNotBlank();
                    queries++;
                }
            }
            assertThat(queries).as("%s has queries", name).isGreaterThanOrEqualTo(15);
        }
    }
}
