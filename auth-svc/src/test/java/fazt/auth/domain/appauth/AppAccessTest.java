package fazt.auth.domain.appauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AppAccessTest {
    private final AppAccess access = new AppAccess(List.of("Ana@Example.org"), List.of("team.example"));

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {
                "ana@example.org,true",
                "ANA@example.org,true",
                "bob@example.org,false",
                "bob@team.example,true",
                "bob@evil-team.example,false",
                "bob@sub.team.example,false",
                "team.example,false",
                "NULL,false"
            })
    void admitsListedAddressesAndDomainsOnly(String email, boolean admitted) {
        assertThat(access.admits(email)).isEqualTo(admitted);
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "NULL",
            value = {"anyone@anywhere.example", "NULL"})
    void emptyListsAdmitEveryone(String email) {
        assertThat(AppAccess.EVERYONE.admits(email)).isTrue();
    }
}
