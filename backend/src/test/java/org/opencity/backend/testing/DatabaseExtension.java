package org.opencity.backend.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Creates the database of a {@link WithDatabase} class before it runs and drops it afterwards. */
public final class DatabaseExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DatabaseExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        boolean demo = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithDatabase.class)
                .map(WithDatabase::demo).orElse(false);
        context.getStore(NS).put(TestDatabase.class, demo ? TestDatabases.createDemo() : TestDatabases.createEmpty());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        TestDatabase db = context.getStore(NS).remove(TestDatabase.class, TestDatabase.class);
        if (db != null) {
            db.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabase.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NS).get(TestDatabase.class, TestDatabase.class);
    }
}
