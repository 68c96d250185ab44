package fazt.gateway.site;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;

/** The {@code Date} header of responses, formatted once per second rather than once per response. */
final class HttpDates {
    private record Stamp(long second, String text) {}

    private static volatile Stamp current = new Stamp(Long.MIN_VALUE, "");

    private HttpDates() {}

    static String now() {
        long millis = System.currentTimeMillis();
        long second = millis / 1000;
        Stamp stamp = current;
        if (stamp.second() != second) {
            stamp = new Stamp(second, DateFormatter.format(new Date(second * 1000)));
            current = stamp;
        }
        return stamp.text();
    }
}
