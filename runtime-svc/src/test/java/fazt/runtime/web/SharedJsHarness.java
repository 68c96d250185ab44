package fazt.runtime.web;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands every test of a class the same {@link JsHarness}, created on first use and closed after the class's last
 * test (the class-level store closes what it holds). A context per class, not per case, because building one costs
 * far more than running a snippet, and the conformance cases leave no state a later case could read.
 */
final class SharedJsHarness implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(SharedJsHarness.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == JsHarness.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext perClass = context;
        while (perClass.getTestMethod().isPresent()) {
            perClass = perClass.getParent().orElseThrow();
        }
        return perClass.getStore(NAMESPACE)
                .getOrComputeIfAbsent(JsHarness.class, type -> new JsHarness(), JsHarness.class);
    }
}
