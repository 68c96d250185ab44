package fazt.proto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.health.HealthSubjects;
import fazt.proto.scheduler.SchedulerSubjects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubjectRootTest {
    @Test
    void qualifyPutsTheRootInFront() {
        assertThat(new SubjectRoot("t1").qualify(HealthSubjects.of(ServiceName.DEPLOY)))
                .isEqualTo("t1.svc.deploy.health");
    }

    @Test
    void eventStreamNameCarriesTheRootBecauseStreamsAreGlobal() {
        SubjectRoot root = new SubjectRoot("run-7");
        assertThat(root.eventStream(ServiceName.DEPLOY)).isEqualTo("RUN_7_EVT_DEPLOY");
        assertThat(root.eventStreamSubjects(ServiceName.DEPLOY)).isEqualTo("run-7.evt.deploy.>");
        assertThat(root.stream("log_app")).isEqualTo("RUN_7_LOG_APP");
        assertThat(root.streamPrefix()).isEqualTo("RUN_7_");
        assertThat(SchedulerSubjects.workStream(root)).isEqualTo("RUN_7_WORK_SCHEDULER");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Fazt", "a.b", "fazt>", "$SYS", "_INBOX", "with space"})
    void rejectsRootsThatAreNotOneSafeToken(String bad) {
        assertThatThrownBy(() -> new SubjectRoot(bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one lower-case token");
    }

    @Test
    void grammarAcceptsRequestsAndPastTenseEventsOnly() {
        assertThat(SubjectGrammar.request(ServiceName.STORAGE, "kv")).isEqualTo("svc.storage.kv");
        assertThat(SubjectGrammar.event(ServiceName.DEPLOY, "app", "deployed")).isEqualTo("evt.deploy.app.deployed");
        assertThat(SubjectGrammar.isRequest("svc.nosuch.get")).isFalse();
        assertThat(SubjectGrammar.isEvent("evt.deploy.app")).isFalse();
        assertThatThrownBy(() -> SubjectGrammar.request(ServiceName.AUTH, "Token.Verify"))
                .hasMessageContaining("not a request subject");
    }

    @Test
    void grammarBuildsLogAndWorkSubjectsAndRefusesOthers() {
        assertThat(SubjectGrammar.log("app", "3f2a-9c")).isEqualTo("log.app.3f2a-9c");
        assertThat(SubjectGrammar.work(ServiceName.SCHEDULER, "run")).isEqualTo("work.scheduler.run");
        assertThatThrownBy(() -> SubjectGrammar.log("app", "a.b")).hasMessageContaining("not a log subject");
        assertThatThrownBy(() -> SubjectGrammar.log("app", "*")).hasMessageContaining("not a log subject");
        assertThatThrownBy(() -> SubjectGrammar.log("App", "x")).hasMessageContaining("not a log subject");
        assertThatThrownBy(() -> SubjectGrammar.work(ServiceName.SCHEDULER, "run.>"))
                .hasMessageContaining("not a work subject");
    }
}
