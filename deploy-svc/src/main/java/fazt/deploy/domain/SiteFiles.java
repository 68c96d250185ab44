package fazt.deploy.domain;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: the version files, kept by storage-svc (content-addressed, so unchanged files are stored once). */
public interface SiteFiles {
    /** Which of these digests storage does not hold yet. */
    Set<String> missing(Collection<String> digests);

    /** Streams a file to storage in chunks; returns its digest. */
    String upload(Path content);

    /** Creates {@code namespace} with these files (all blobs must be stored). */
    void commit(String namespace, List<SiteFile> files);

    List<SiteFile> list(String namespace);

    /** One file of a namespace, if it has that path. */
    Optional<SiteFile> stat(String namespace, String path);

    /** Removes a namespace; storage collects blobs nothing references any more. */
    void drop(String namespace);

    /** Streams a blob of {@code size} bytes into {@code target}. */
    void download(String digest, long size, Path target);
}
