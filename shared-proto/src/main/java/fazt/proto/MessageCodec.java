package fazt.proto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one codec for every fazt message: UTF-8 JSON, field names as in the records, instants as ISO-8601 text,
 * absent fields omitted. Decoding ignores fields it does not know, so a newer sender of the same version
 * never breaks an older receiver. Thread-safe; share {@link #INSTANCE}.
 */
public final class MessageCodec {
    public static final MessageCodec INSTANCE = new MessageCodec();

    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private MessageCodec() {}

    public byte[] encode(Object message) {
        try {
            return json.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** Decodes {@code bytes} as {@code type}; throws {@link MalformedMessageException} on bad input. */
    public <T> T decode(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new MalformedMessageException(typeId(type), e);
        }
    }

    /** The {@link MessageType} id of a wire record class. */
    public static String typeId(Class<?> type) {
        MessageType annotation = type.getAnnotation(MessageType.class);
        if (annotation == null) {
            throw new IllegalArgumentException(type.getName() + " is not a wire record (no @MessageType)");
        }
        return annotation.value();
    }

    /** The mapper behind the codec, for callers that need a JSON tree (gateway bodies, tests). */
    public ObjectMapper mapper() {
        return json;
    }

    /** A message that could not be decoded; its text names the expected type, never the payload. */
    public static final class MalformedMessageException extends RuntimeException {
        MalformedMessageException(String type, Throwable cause) {
            super("malformed " + type + " message: " + cause.getClass().getSimpleName(), cause);
        }
    }
}
