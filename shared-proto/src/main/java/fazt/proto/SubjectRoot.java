package fazt.proto;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The first token of every fazt subject ({@code fazt} by default, {@code FAZT_SUBJECT_ROOT} to change it),
 * so that several installs or test runs can share one NATS cluster without seeing each other.
 *
 * <p>Subjects are declared once, without the root, as constants in the {@code *Subjects} classes of this
 * module; {@link #qualify(String)} puts the root in front at the moment a subject is used.
 */
public record SubjectRoot(String value) {
    /** The root used when {@code FAZT_SUBJECT_ROOT} is not set. */
    public static final String DEFAULT = "fazt";

    // One restricted-term token (ADR-6), lower-case; '.' would split it, '*' '>' '$' would make it a wildcard
    // or a system subject.
    private static final Pattern TOKEN = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public SubjectRoot {
        if (value == null || !TOKEN.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    "must be one lower-case token of letters, digits, '-' or '_' (at most 63), got \"" + value + "\"");
        }
    }

    public static SubjectRoot defaultRoot() {
        return new SubjectRoot(DEFAULT);
    }

    /** {@code svc.deploy.create} → {@code fazt.svc.deploy.create}. */
    public String qualify(String subject) {
        return value + "." + subject;
    }

    /**
     * The JetStream stream that captures {@code <root>.evt.<service>.>}. Stream names cannot contain dots, so
     * the root is part of the name: {@code FAZT_EVT_DEPLOY}.
     */
    public String eventStream(ServiceName service) {
        return stream("EVT_" + service.id());
    }

    /**
     * The one naming rule of this installation's JetStream streams: {@code <ROOT>_<SUFFIX>}, upper case, {@code -}
     * as {@code _} (stream names cannot contain dots): {@code stream("LOG_APP")} → {@code FAZT_LOG_APP}.
     */
    public String stream(String suffix) {
        return streamPrefix() + suffix.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** What every stream name of this root starts with: {@code FAZT_}. */
    public String streamPrefix() {
        return value.toUpperCase(Locale.ROOT).replace('-', '_') + "_";
    }

    /** The subjects the event stream of {@code service} captures: {@code <root>.evt.<service>.>}. */
    public String eventStreamSubjects(ServiceName service) {
        return qualify(SubjectGrammar.EVENT + "." + service.id() + ".>");
    }

    @Override
    public String toString() {
        return value;
    }
}
