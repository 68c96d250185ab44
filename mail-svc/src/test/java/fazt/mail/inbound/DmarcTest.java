package fazt.mail.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DmarcTest {
    @Test
    void theOrganisationalDomainComesFromThePublicSuffixList() {
        assertThat(Dmarc.organisational("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(Dmarc.organisational("a.b.example.com")).isEqualTo("example.com");
        assertThat(Dmarc.organisational("example.com")).isEqualTo("example.com");
        assertThat(Dmarc.organisational("localhost")).isEqualTo("localhost");
    }

    @Test
    void relaxedAlignmentComparesOrganisationalDomainsStrictComparesNames() {
        assertThat(Dmarc.aligned("news.example.com", "bounce.example.com", false))
                .isTrue();
        assertThat(Dmarc.aligned("news.example.com", "bounce.example.com", true))
                .isFalse();
        assertThat(Dmarc.aligned("example.com", "Example.COM.", true)).isTrue();
        assertThat(Dmarc.aligned("example.com", "example.net", false)).isFalse();
        assertThat(Dmarc.aligned("a.example.co.uk", "b.other.co.uk", false)).isFalse();
    }

    @Test
    void tagsAreReadCaseInsensitively() {
        assertThat(Dmarc.tags("v=DMARC1; P=Reject ;sp=none; adkim=s"))
                .containsEntry("p", "reject")
                .containsEntry("sp", "none")
                .containsEntry("adkim", "s");
    }
}
