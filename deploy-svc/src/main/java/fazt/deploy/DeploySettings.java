package fazt.deploy;

import fazt.deploy.check.HttpDomainCheck;
import fazt.platform.service.settings.Setting;
import fazt.platform.service.settings.SettingType;
import java.util.List;

/** deploy-svc's settings (ADR 23). */
final class DeploySettings {
    static final List<Setting> ALL = List.of(Setting.of(
                    "FAZT_DOMAIN_CHECK_ADDRESS",
                    SettingType.STRING,
                    null,
                    "`host:port` the custom-domain check connects to instead of the domain's own address, sending the "
                            + "domain as `Host`: for test rigs and split-horizon DNS (where the install cannot reach "
                            + "itself by its public address)")
            .defaultText("empty")
            .parsedBy(DeploySettings::checkAddress)
            .mapsTo("deploy.domain-check-address"));

    private DeploySettings() {}

    private static String checkAddress(String value) {
        HttpDomainCheck.address(value.strip());
        return value.strip();
    }
}
