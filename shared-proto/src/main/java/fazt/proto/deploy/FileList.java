package fazt.proto.deploy;

import java.util.List;

/** {@code GET /api/apps/{name}/files}: the live version's files. */
public record FileList(List<FileView> files) {}
