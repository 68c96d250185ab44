package fazt.auth.api;

import fazt.auth.domain.appauth.AppLogin;
import fazt.platform.nats.IncomingRequest;
import fazt.platform.nats.RequestEndpoint;
import fazt.proto.auth.AppSessionReply;
import fazt.proto.auth.AppSessionRequest;
import fazt.proto.auth.AuthSubjects;
import jakarta.inject.Singleton;

/** {@code svc.auth.app.session}: the app user of an app-session cookie on one app, or not valid (never saying why). */
@Singleton
final class AppSessionEndpoint implements RequestEndpoint {
    private final AppLogin login;

    AppSessionEndpoint(AppLogin login) {
        this.login = login;
    }

    @Override
    public String subject() {
        return AuthSubjects.APP_SESSION;
    }

    @Override
    public AppSessionReply handle(IncomingRequest request) {
        AppSessionRequest r = request.body(AppSessionRequest.class);
        return login.user(r.appId(), r.secret())
                .map(u -> new AppSessionReply(true, u))
                .orElseGet(() -> new AppSessionReply(false, null));
    }
}
