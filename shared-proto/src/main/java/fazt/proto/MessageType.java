package fazt.proto;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The versioned type id of a wire record, sent in the {@code Fazt-Type} header and used to name its golden file:
 * {@code health.report.v1} lives in {@code golden/health/report.v1.json}. Fields may be added to a version;
 * renaming or removing one needs a new version (see docs/adr/0003-message-contracts.md).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageType {
    /** {@code <area>.<name>.v<n>}, lower-case. */
    String value();
}
