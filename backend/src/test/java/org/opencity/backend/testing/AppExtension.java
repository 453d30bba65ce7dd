package org.opencity.backend.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Runs a {@link TestApp} for each {@link WithApp} test class. */
public final class AppExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(AppExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean demo = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithApp.class)
                .map(WithApp::demo).orElse(true);
        context.getStore(NS).put(TestApp.class, TestApp.start(demo));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestApp app = context.getStore(NS).remove(TestApp.class, TestApp.class);
        if (app != null) {
            app.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestApp.class || type == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestApp app = context.getStore(NS).get(TestApp.class, TestApp.class);
        return parameter.getParameter().getType() == TestDatabase.class ? app.database() : app;
    }
}
