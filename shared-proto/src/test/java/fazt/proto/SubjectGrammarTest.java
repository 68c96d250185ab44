package fazt.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The dead-letter family of the grammar (ADR 2, amended by ADR 25) and the notice family (ADR 36). */
class SubjectGrammarTest {
    @Test
    void aDeadLetterSubjectNamesTheServiceAndItsConsumer() {
        assertThat(SubjectGrammar.deadLetter(ServiceName.AUTH, "auth-app-login"))
                .isEqualTo("dlq.auth.auth-app-login");
    }

    @Test
    void aDeadLetterSubjectRefusesAConsumerNameThatIsNotOneToken() {
        assertThatThrownBy(() -> SubjectGrammar.deadLetter(ServiceName.AUTH, "app.login"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dlq.auth.app.login");
        assertThatThrownBy(() -> SubjectGrammar.deadLetter(ServiceName.AUTH, "App"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNoticeSubjectLiesOutsideEveryEventStream() {
        String notice = SubjectGrammar.notice(ServiceName.STORAGE, "kv", "changed");
        assertThat(notice).isEqualTo("note.storage.kv.changed");
        assertThat(SubjectGrammar.isEvent(notice)).isFalse();
        assertThat(SubjectRoot.defaultRoot().qualify(notice))
                .doesNotStartWith(SubjectRoot.defaultRoot()
                        .eventStreamSubjects(ServiceName.STORAGE)
                        .replace(">", ""));
        assertThatThrownBy(() -> SubjectGrammar.notice(ServiceName.STORAGE, "kv.x", "changed"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
