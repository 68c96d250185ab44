package fazt.proto.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** A page of received messages, newest first; {@code nextCursor} is null on the last page. */
public record MessageList(
        List<MessageSummary> messages,
        @JsonInclude(JsonInclude.Include.ALWAYS) String nextCursor) {}
