package fazt.proto.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import fazt.proto.ServiceName;
import fazt.proto.auth.Principal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdminRouteTableTest {
    private final AdminRouteTable table = new AdminRouteTable(List.of(
            AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps/{name}", "read|deploy:{name}", "show"),
            AdminRoute.of(ServiceName.DEPLOY, "DELETE", "/apps/{name}", "deploy:{name}", "delete"),
            AdminRoute.of(ServiceName.RUNTIME, "GET", "/apps/{name}/logs", "read|logs:{name}", "logs"),
            AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps/{name}/files/{path+}", "read", "file")));

    @Test
    void theMethodPicksTheRouteOfTheMostSpecificTemplate() {
        assertThat(table.resolve("DELETE", "/apps/blog"))
                .isEqualTo(new AdminRouteTable.Found(table.routes().get(1), Map.of("name", "blog")));
        AdminRouteTable.Found logs = (AdminRouteTable.Found) table.resolve("GET", "/apps/blog/logs");
        assertThat(logs.route().owner()).isEqualTo(ServiceName.RUNTIME);
        AdminRouteTable.Found head = (AdminRouteTable.Found) table.resolve("HEAD", "/apps/blog");
        assertThat(head.route().method()).isEqualTo("GET");
    }

    @Test
    void aKnownPathWithAnotherMethodListsWhatItAllows() {
        assertThat(table.resolve("POST", "/apps/blog"))
                .isEqualTo(new AdminRouteTable.WrongMethod(List.of("GET", "HEAD", "DELETE")));
        assertThat(((AdminRouteTable.WrongMethod) table.resolve("PUT", "/apps/blog/logs")).allowHeader())
                .isEqualTo("GET, HEAD");
    }

    @Test
    void anUndeclaredPathIsNoRoute() {
        assertThat(table.resolve("GET", "/apps")).isEqualTo(new AdminRouteTable.NoRoute());
        assertThat(table.resolve("GET", "/apps/blog/other")).isEqualTo(new AdminRouteTable.NoRoute());
        assertThat(table.ownerOf("/apps/blog/other")).isNull();
    }

    @Test
    void scopesAreFilledFromThePath() {
        ScopeRule rule = table.routes().getFirst().scope();
        assertThat(rule.scopes(Map.of("name", "blog"))).containsExactly("read", "deploy:blog");
        assertThat(rule.allows(new Principal("u", "u", List.of("deploy:blog")), Map.of("name", "blog")))
                .isTrue();
        assertThat(rule.allows(new Principal("u", "u", List.of("deploy:shop")), Map.of("name", "blog")))
                .isFalse();
        assertThat(rule.allows(null, Map.of("name", "blog"))).isFalse();
        assertThat(ScopeRule.parse("public").allows(null, Map.of())).isTrue();
        assertThat(ScopeRule.parse("caller").allows(null, Map.of())).isFalse();
        assertThat(ScopeRule.parse("caller").allows(new Principal("u", "u", List.of()), Map.of()))
                .isTrue();
    }

    @Test
    void ambiguousOrMalformedDeclarationsAreRefused() {
        assertThatThrownBy(() -> new AdminRouteTable(List.of(
                        AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps/{name}", "read", "a"),
                        AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps/{name}", "read", "b"))))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> new AdminRouteTable(List.of(
                        AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps/{name}", "read", "a"),
                        AdminRoute.of(ServiceName.AUTH, "DELETE", "/apps/{id}", "read", "b"))))
                .hasMessageContaining("match the same paths");
        assertThatThrownBy(() -> AdminRoute.of(ServiceName.DEPLOY, "GET", "/apps", "deploy:{name}", "a"))
                .hasMessageContaining("names no parameter");
        assertThatThrownBy(() -> AdminRoute.of(ServiceName.DEPLOY, "TRACE", "/apps", "read", "a"))
                .hasMessageContaining("unsupported method");
        assertThatThrownBy(() -> ScopeRule.parse("read|Deploy")).hasMessageContaining("bad scope");
    }
}
