package fazt.proto.backup;

import fazt.proto.MessageType;
import java.util.List;

/**
 * A schema export under way: the part's bytes are pulled from the body stream {@code stream}.
 *
 * @param service       who exported
 * @param schemaVersion the service's Flyway version the rows belong to
 * @param snapshotMode  {@link #SHARED} when read in the coordinator's snapshot, {@link #OWN} otherwise
 * @param tables        the tables in the part, in the order they are written (parents before children)
 * @param stream        the body stream subject to pull the part from
 * @param userRows      rows a user made (apps deployed, values stored, accounts...; not what a fresh installation
 *                      creates itself), as the service counts them in the same snapshot: a restore goes only into an
 *                      installation where every service reports 0
 */
@MessageType("backup.export_reply.v1")
public record SchemaExportReply(
        String service, String schemaVersion, String snapshotMode, List<String> tables, String stream, long userRows) {
    public static final String SHARED = "shared";
    public static final String OWN = "own";

    public SchemaExportReply {
        tables = tables == null ? List.of() : List.copyOf(tables);
    }
}
