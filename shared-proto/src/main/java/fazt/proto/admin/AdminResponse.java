package fazt.proto.admin;

import fazt.proto.MessageType;
import java.util.Map;

/**
 * A successful admin API answer: status, content type, extra headers, and a body inline ({@code body}, UTF-8 text,
 * usually JSON) or as a storage blob the gateway streams to the client ({@code bodyBlob}). Failures travel as
 * problems, not as this record.
 */
@MessageType("admin.response.v1")
public record AdminResponse(
        int status, String contentType, Map<String, String> headers, String body, BodyBlob bodyBlob) {
    public static AdminResponse json(int status, String json) {
        return new AdminResponse(status, "application/json", null, json, null);
    }
}
