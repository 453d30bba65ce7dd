package org.opencity.mobile.portability;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app's main code and the shared model run on Android and iOS, where GraalVM native images
 * have no AWT, ImageIO, Swing or java.beans. This reads the compiled classes and fails on any
 * dependency on them, so desktop-only code cannot creep back into a class that a phone loads.
 * No desktop-only adapter package exists; if one is ever needed it is named here explicitly.
 */
class DeviceSafeCodeTest {

    private static final String[] DESKTOP_ONLY_PACKAGES = {"java.awt..", "javax.imageio..", "javax.swing..", "java.beans.."};

    private static final JavaClasses DEVICE_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
            .importPackages("org.opencity.mobile", "org.opencity.model");

    @Test
    void noMobileOrSharedModelClassDependsOnDesktopOnlyJavaPackages() {
        ArchRule rule = noClasses().that().resideInAnyPackage("org.opencity.mobile..", "org.opencity.model..")
                .should().dependOnClassesThat().resideInAnyPackage(DESKTOP_ONLY_PACKAGES)
                .because("AWT, ImageIO, Swing and java.beans do not exist in the app's Android and iOS native images");
        rule.check(DEVICE_CLASSES);
    }

    @Test
    void theGuardSeesTheAppsClasses() {
        assertThat(DEVICE_CLASSES.containPackage("org.opencity.mobile.platform"))
                .as("an empty import would make the rule above pass vacuously").isTrue();
        assertThat(DEVICE_CLASSES.containPackage("org.opencity.model")).isTrue();
        assertThat(DEVICE_CLASSES.stream().filter(c -> c.getPackageName().startsWith("org.opencity.mobile")).count())
                .isGreaterThan(20);
    }
}
