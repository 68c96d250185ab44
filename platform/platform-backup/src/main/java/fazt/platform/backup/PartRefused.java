package fazt.platform.backup;

/**
 * Why a part was not imported, with a stable code for the problem type ({@code <service>/backup-<code>}); the import's
 * transaction is rolled back, so the schema is as it was.
 */
public final class PartRefused extends RuntimeException {
    /** The part is not a schema part, is cut short, or names a table or column the schema does not have. */
    public static final String MALFORMED = "part-malformed";
    /** The part was written by a newer schema than this service runs. */
    public static final String NEWER = "schema-newer";
    /** The part belongs to another service. */
    public static final String WRONG_SERVICE = "wrong-service";
    /** The schema holds rows and the import was not asked to replace them. */
    public static final String NOT_EMPTY = "schema-not-empty";

    private final String code;

    public PartRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
