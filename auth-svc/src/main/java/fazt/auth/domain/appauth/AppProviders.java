package fazt.auth.domain.appauth;

import java.util.List;
import java.util.Optional;

/** Port: the login providers and allow-lists of apps. */
public interface AppProviders {
    List<ProviderConfig> list(String app);

    Optional<ProviderConfig> get(String app, String provider);

    void put(ProviderConfig config);

    boolean delete(String app, String provider);

    AppAccess access(String app);

    void putAccess(String app, AppAccess access);

    /** Drops everything of a deleted app; returns the providers dropped. */
    int forget(String app);

    /** Moves everything of an app to its new name (a rename); returns the providers moved. */
    int move(String from, String to);
}
