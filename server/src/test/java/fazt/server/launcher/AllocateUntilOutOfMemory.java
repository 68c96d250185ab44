package fazt.server.launcher;

import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a service's main class: one background thread fills the heap while the main thread waits forever,
 * as a service's NATS reader thread that dies of an OutOfMemoryError while the rest of the process stays up.
 */
public final class AllocateUntilOutOfMemory {
    private AllocateUntilOutOfMemory() {}

    public static void main(String[] args) throws InterruptedException {
        Thread filler = new Thread(
                () -> {
                    List<long[]> held = new ArrayList<>();
                    while (true) {
                        held.add(new long[1 << 20]);
                    }
                },
                "filler");
        filler.start();
        filler.join();
        System.out.println("filler thread died; main thread still up");
        Thread.sleep(Long.MAX_VALUE);
    }
}
