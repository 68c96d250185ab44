package fazt.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {
    @Test
    void aBareSelectorIsItsName() {
        assertThat(PromQlNames.in("up{job=\"fazt\"} == 0")).containsExactly("up");
    }

    @Test
    void functionsAggregationsLabelListsAndRangesAreNotNames() {
        assertThat(PromQlNames.in("histogram_quantile(0.99, sum by (le, route) (rate("
                        + "fazt_gateway_http_request_duration_seconds_bucket{route=~\"site|admin\"}[5m]))) > 1"))
                .containsExactly("fazt_gateway_http_request_duration_seconds_bucket");
    }

    @Test
    void bothSidesOfABinaryOperatorAndKeywordsAreHandled() {
        assertThat(PromQlNames.in("sum by (service) (rate(a_total{outcome=\"x\"}[5m])) / sum by (service) "
                        + "(rate(b_count[5m])) > 0.05 and on (service) c_seconds offset 5m unless bool d"))
                .containsExactly("a_total", "b_count", "c_seconds", "d");
    }

    @Test
    void grafanaVariablesLabelValuesAndSubqueriesAreSkipped() {
        assertThat(PromQlNames.in("deriv(max(fazt_storage_database_bytes{service=\"storage\", instance=~\"$instance\"})"
                        + "[6h:5m]) * 86400 + x{a=\"by (y)\"}[$__rate_interval]"))
                .containsExactly("fazt_storage_database_bytes", "x");
    }

    @Test
    void timeAndNumbersAreNotNames() {
        assertThat(PromQlNames.in("min(m_seconds) - time() < 14 * 86400 and 1e3 > 2"))
                .containsExactly("m_seconds");
    }
}
