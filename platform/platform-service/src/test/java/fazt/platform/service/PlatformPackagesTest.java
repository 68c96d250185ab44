package fazt.platform.service;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The platform libraries' packages depend on each other one way: each package ({@code fazt.platform.service},
 * {@code fazt.platform.service.settings}, {@code fazt.platform.nats}, …) is a slice, and no two slices reach each
 * other. {@code ServiceContract} checks the same of the platform packages each service runs with.
 */
class PlatformPackagesTest {
    static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("fazt.platform");

    @Test
    void thePlatformPackagesAreFreeOfCycles() {
        slices().matching("fazt.platform.(**)").should().beFreeOfCycles().check(PLATFORM);
    }

    @Test
    void theRuleSeesTheServicePackagesItGuards() {
        // A rule over no classes passes; make sure the import found the packages the rule is about.
        Assertions.assertThat(PLATFORM.containPackage("fazt.platform.service.settings"))
                .isTrue();
        Assertions.assertThat(PLATFORM.containPackage("fazt.platform.service")).isTrue();
        Assertions.assertThat(PLATFORM.containPackage("fazt.platform.nats")).isTrue();
    }
}
