package fazt.scheduler.domain;

/** Port: facts about runs that other parts of the suite may act on. Publishing never fails the caller. */
public interface RunEvents {
    /** The run reached its dead-letter state ({@code failed}). */
    void deadLettered(Run run);
}
