package fazt.auth.domain;

import java.util.Optional;

/** Port: auth settings changed through the API (such as whether public signup is open). */
public interface Settings {
    String SIGNUP = "signup.enabled";

    Optional<String> get(String key);

    void put(String key, String value);
}
