package fazt.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.gateway.edge.socket.EdgeLimits;
import fazt.gateway.invoke.FunctionConfig;
import fazt.platform.service.settings.SettingValues;
import fazt.platform.service.settings.SettingsException;
import fazt.proto.ServiceName;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayServiceSettingsTest {
    private static Map<String, Object> properties(Map<String, String> env) {
        return SettingValues.read(new GatewayService().settings(), env, ServiceName.GATEWAY)
                .properties();
    }

    @Test
    void functionLimitsComeFromTheEnvironment() {
        assertThat(properties(Map.of(
                        "FAZT_FUNCTION_TIMEOUT_MS",
                        "2500",
                        "FAZT_FUNCTION_MAX_BODY_MB",
                        "5",
                        "FAZT_GATEWAY_CACHE_MB",
                        "8",
                        "FAZT_TRUSTED_PROXIES",
                        " 10.0.0.0/8 ")))
                .containsEntry("gateway.functions.timeout-millis", 2500)
                .containsEntry("gateway.functions.max-body-bytes", 5L * 1024 * 1024)
                .containsEntry("gateway.cache-bytes", 8L * 1024 * 1024)
                .containsEntry("gateway.edge.trusted-proxies", "10.0.0.0/8");
    }

    @Test
    void unsetSettingsGetTheConfigDefaults() {
        assertThat(properties(Map.of()))
                .containsEntry("gateway.functions.timeout-millis", FunctionConfig.DEFAULT_TIMEOUT_MILLIS)
                .containsEntry("gateway.functions.max-body-bytes", FunctionConfig.DEFAULT_MAX_BODY_BYTES)
                .containsEntry("gateway.edge.header-timeout-millis", EdgeLimits.DEFAULT_HEADER_TIMEOUT_MILLIS)
                .containsEntry("gateway.edge.max-connections-per-client", EdgeLimits.DEFAULT_MAX_CONNECTIONS_PER_CLIENT)
                .doesNotContainKey("gateway.edge.trusted-proxies");
    }

    @Test
    void theRuntimesFormerWallTimeSetsTheOneFunctionTimeout() {
        assertThat(properties(Map.of("RUNTIME_WALL_TIME_MS", "4000")))
                .containsEntry("gateway.functions.timeout-millis", 4000);
        assertThat(properties(Map.of("RUNTIME_WALL_TIME_MS", "4000", "FAZT_FUNCTION_TIMEOUT_MS", "6000")))
                .containsEntry("gateway.functions.timeout-millis", 6000);
    }

    @Test
    void theAcmeChallengeAndTheSmtpHostNameReachTheTlsConfig() {
        assertThat(properties(Map.of())).containsEntry("gateway.tls.acme-challenge", "auto");
        assertThat(properties(Map.of(
                        "FAZT_ACME_CHALLENGE",
                        "tls-alpn-01",
                        "FAZT_SMTP_HOSTNAME",
                        "smtp.example.com",
                        "FAZT_MAIL_DOMAIN",
                        "mail.example.com")))
                .containsEntry("gateway.tls.acme-challenge", "tls-alpn-01")
                .containsEntry("gateway.tls.smtp-hostname", "smtp.example.com")
                .containsEntry("gateway.tls.mail-domain", "mail.example.com");
        assertThatThrownBy(() -> properties(Map.of("FAZT_ACME_CHALLENGE", "dns-01")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FAZT_ACME_CHALLENGE: expected auto, http-01 or tls-alpn-01");
    }

    @Test
    void aBadValueStopsStartupNamingTheVariable() {
        assertThatThrownBy(() -> properties(Map.of("FAZT_FUNCTION_TIMEOUT_MS", "10")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("FAZT_FUNCTION_TIMEOUT_MS: expected milliseconds from 100 to 900000, got \"10\"");
        assertThatThrownBy(() -> properties(Map.of("FAZT_FUNCTION_MAX_BODY_MB", "lots")))
                .isInstanceOf(SettingsException.class)
                .hasMessage("FAZT_FUNCTION_MAX_BODY_MB: expected megabytes from 1 to 65536, got \"lots\"");
        assertThatThrownBy(() -> properties(Map.of("FAZT_TRUSTED_PROXIES", "10.0.0.0/40")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FAZT_TRUSTED_PROXIES: expected comma-separated CIDRs such as 10.0.0.0/8: ");
    }

    @Test
    void theDoctorsPublicAddressesAndDnsServerAreCheckedAtStart() {
        assertThat(properties(
                        Map.of("FAZT_PUBLIC_ADDRESS", " 203.0.113.7, 2001:db8::7 ", "FAZT_DOCTOR_DNS", "10.0.0.53:53")))
                .containsEntry("gateway.doctor.public-address", "203.0.113.7, 2001:db8::7")
                .containsEntry("gateway.doctor.dns", "10.0.0.53:53");
        assertThat(properties(Map.of())).doesNotContainKey("gateway.doctor.public-address");
        assertThatThrownBy(() -> properties(Map.of("FAZT_PUBLIC_ADDRESS", "203.0.113.7,shop.example.com")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FAZT_PUBLIC_ADDRESS: expected comma-separated IP addresses")
                .hasMessageContaining("shop.example.com");
        assertThatThrownBy(() -> properties(Map.of("FAZT_PUBLIC_ADDRESS", "203.0.113.300")))
                .isInstanceOf(SettingsException.class);
        assertThatThrownBy(() -> properties(Map.of("FAZT_DOCTOR_DNS", "10.0.0.53:99999")))
                .isInstanceOf(SettingsException.class)
                .hasMessageStartingWith("FAZT_DOCTOR_DNS: expected host:port with a port 1-65535");
    }
}
