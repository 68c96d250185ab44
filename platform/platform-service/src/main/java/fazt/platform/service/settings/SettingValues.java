package fazt.platform.service.settings;

import fazt.proto.ServiceName;
import io.micronaut.core.annotation.Nullable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A list of settings read together: for one service's context, or for {@code fazt-server settings}. */
public record SettingValues(List<SettingValue> values) {
    public SettingValues {
        values = List.copyOf(values);
    }

    /**
     * Reads {@code settings} from {@code env} for {@code service} (null outside a service) and checks the pairs that
     * must be set together. Throws {@link SettingsException} at the first wrong value.
     */
    public static SettingValues read(List<Setting> settings, Map<String, String> env, @Nullable ServiceName service) {
        List<SettingValue> values =
                settings.stream().map(s -> s.read(env, service)).toList();
        for (SettingValue v : values) {
            String other = v.setting().requires();
            if (v.fromEnv()
                    && other != null
                    && values.stream().noneMatch(o -> o.setting().name().equals(other) && o.fromEnv())) {
                throw new SettingsException(v.variable(), "is set but " + other + " is not; set both");
            }
        }
        return new SettingValues(values);
    }

    /** The Micronaut properties these settings become: each mapped setting with a value. */
    public Map<String, Object> properties() {
        Map<String, Object> properties = new HashMap<>();
        for (SettingValue v : values) {
            if (v.setting().property() != null && v.value() != null) {
                properties.put(v.setting().property(), v.setting().toProperty().apply(v.value()));
            }
        }
        return properties;
    }

    /** The deprecation warnings, one line each. */
    public List<String> warnings() {
        return values.stream()
                .map(SettingValue::warning)
                .filter(Objects::nonNull)
                .toList();
    }

    /** The value of {@code setting} (null when unset without a default); it must be one of these. */
    public @Nullable Object get(Setting setting) {
        return values.stream()
                .filter(v -> v.setting().name().equals(setting.name()))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(setting.name() + " was not read here"))
                .value();
    }
}
