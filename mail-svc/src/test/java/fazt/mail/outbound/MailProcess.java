package fazt.mail.outbound;

import fazt.mail.MailService;
import fazt.platform.service.ServiceContext;

/**
 * mail-svc alone in a JVM of its own, configured by its environment, for tests that kill it with SIGKILL
 * ({@link OutboundCrashIT}). Prints {@value #READY} once started, then runs until killed.
 */
public final class MailProcess {
    static final String READY = "mail-process-ready";

    private MailProcess() {}

    public static void main(String[] args) throws InterruptedException {
        ServiceContext.start(new MailService(), System.getenv());
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
