package fazt.mail.outbound;

import fazt.proto.deploy.MappedDomain;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What sending needs to know of apps, from deploy-svc: an app's id by its name (admin routes address apps by name)
 * and the custom domains mapped to apps (an app may send from any local part at its domains; an admin from any
 * local domain). A small lookup of sending's own; the inbound address catalogue may replace it at merge.
 */
public interface AppDirectory {
    /** The id of the app named {@code name}, if it exists. */
    Optional<String> appIdByName(String name);

    /** The current name of the app with id {@code appId}, if it has a live version. */
    Optional<String> appName(String appId);

    /** Every mapped custom domain (any state). */
    List<MappedDomain> customDomains();

    /** The custom domain entry {@code domain} falls under (exact, or a {@code *.parent} wildcard), if any. */
    default Optional<MappedDomain> customDomain(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        List<MappedDomain> all = customDomains();
        Optional<MappedDomain> exact =
                all.stream().filter(m -> m.domain().equals(d)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        int dot = d.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String wildcard = "*" + d.substring(dot);
        return all.stream().filter(m -> m.domain().equals(wildcard)).findFirst();
    }
}
