package org.opencity.backend.testing;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.openqa.selenium.chrome.ChromeDriver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Gives the test class one real headless Chromium ({@link Browser}), injected as a
 * {@link ChromeDriver} constructor parameter and quit when the class is done.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(WithBrowser.Extension.class)
public @interface WithBrowser {

    /** Starts the browser on first use in a class and quits it with the class's store. */
    final class Extension implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == ChromeDriver.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            ExtensionContext classContext = context;   // a constructor of a per-method instance is resolved in the method's context
            while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
                classContext = classContext.getParent().get();
            }
            ExtensionContext.Store store = classContext.getStore(ExtensionContext.Namespace.create(Extension.class));
            return store.getOrComputeIfAbsent("browser", k -> new Running(Browser.start()), Running.class).driver();
        }

        /** Quits the browser when JUnit closes the store. */
        private record Running(ChromeDriver driver) implements ExtensionContext.Store.CloseableResource {
            @Override
            public void close() {
                driver.quit();
            }
        }
    }
}
