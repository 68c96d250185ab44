package fazt.gateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TlsConfigTest {
    private static TlsConfig config(String smtpHostname, String mailDomain) {
        return new TlsConfig(
                443, null, null, null, null, null, null, null, null, null, null, null, smtpHostname, mailDomain);
    }

    @Test
    void theSmtpHostIsTheSettingElseMailUnderTheMailDomainElseUnderTheDomain() {
        assertThat(config("smtp.example.com", "m.example.com").smtpHost("example.com"))
                .isEqualTo("smtp.example.com");
        assertThat(config(null, "m.example.com").smtpHost("example.com")).isEqualTo("mail.m.example.com");
        assertThat(config(null, null).smtpHost("example.com")).isEqualTo("mail.example.com");
        assertThat(config(null, null).acmeChallenge()).isEqualTo(TlsConfig.AUTO);
    }
}
