package fazt.runtime.bindings;

import static fazt.runtime.bindings.BindingArgs.invalid;
import static fazt.runtime.bindings.BindingArgs.optionalText;

import com.fasterxml.jackson.databind.JsonNode;
import fazt.platform.nats.ProblemException;
import fazt.proto.mail.OutgoingAttachment;
import fazt.proto.mail.SendBody;
import fazt.proto.problem.Problem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the {@link SendBody} of an {@code env.MAIL.send} (or a {@code forward}/{@code reply}) from what mail.js
 * sends: JSON fields as mail.js normalised them, and the attachments' contents back to back in one byte array whose
 * pieces the JSON lists by length. Checks only the shape; what makes a message valid is mail-svc's to say.
 */
final class MailSends {
    private MailSends() {}

    /** At most this many attachments in one message (their bytes are limited by the NATS payload anyway). */
    static final int MAX_ATTACHMENTS = 100;

    static SendBody body(JsonNode args, byte[] bytes, int limit) {
        byte[] all = bytes == null ? new byte[0] : bytes;
        // base64 makes every 3 bytes 4: refuse before encoding what cannot fit whatever the rest holds
        if ((long) all.length * 4 / 3 > limit) {
            throw tooLarge((long) all.length * 4 / 3, limit);
        }
        return new SendBody(
                optionalText(args, "from"),
                list(args, "to"),
                list(args, "cc"),
                list(args, "bcc"),
                optionalText(args, "replyTo"),
                optionalText(args, "subject"),
                optionalText(args, "text"),
                optionalText(args, "html"),
                attachments(args.path("attachments"), all),
                headers(args.path("headers")),
                optionalText(args, "inReplyTo"),
                optionalText(args, "forwardOf"));
    }

    private static List<OutgoingAttachment> attachments(JsonNode listed, byte[] all) {
        if (listed.isMissingNode() || listed.isNull()) {
            return null;
        }
        if (!listed.isArray() || listed.size() > MAX_ATTACHMENTS) {
            throw invalid("attachments must be an array of at most " + MAX_ATTACHMENTS);
        }
        List<OutgoingAttachment> out = new ArrayList<>(listed.size());
        int offset = 0;
        for (JsonNode a : listed) {
            long length = a.path("length").asLong(-1);
            if (length < 0 || offset + length > all.length) {
                throw invalid("attachment lengths do not match their contents");
            }
            out.add(new OutgoingAttachment(
                    optionalText(a, "filename"),
                    optionalText(a, "contentType"),
                    Arrays.copyOfRange(all, offset, offset + (int) length),
                    optionalText(a, "contentId")));
            offset += (int) length;
        }
        if (offset != all.length) {
            throw invalid("attachment lengths do not match their contents");
        }
        return out;
    }

    private static Map<String, String> headers(JsonNode headers) {
        if (headers.isMissingNode() || headers.isNull()) {
            return null;
        }
        if (!headers.isObject()) {
            throw invalid("headers must be an object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static List<String> list(JsonNode args, String field) {
        JsonNode value = args.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw invalid(field + " must be an array");
        }
        List<String> out = new ArrayList<>(value.size());
        value.forEach(v -> out.add(v.asText()));
        return out;
    }

    static ProblemException tooLarge(long size, int limit) {
        return new ProblemException(Problem.of(
                        413,
                        "runtime/mail-too-large",
                        "Message too large",
                        "env.MAIL.send: the message is about " + kib(size) + " KiB encoded; at most " + kib(limit)
                                + " KiB go in one message (attachments count 4/3 of their size)")
                .withErrors(List.of(new Problem.FieldError("attachments", "too large"))));
    }

    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
