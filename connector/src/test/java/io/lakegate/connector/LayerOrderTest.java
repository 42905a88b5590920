package io.lakegate.connector;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins the connector's layer order (docs/architecture.md, "Layers") and keeps its packages free of cycles: a new
 * upward import or a new cycle fails here with the offending dependency named, before it spreads.
 */
class LayerOrderTest {

    private static final String ROOT = "io.lakegate.connector";
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("front door")
                .definedBy(
                        ROOT + ".mcp..",
                        ROOT + ".hostcheck..",
                        ROOT + ".oauth..",
                        ROOT + ".auth..",
                        ROOT + ".devmode..")
                .layer("tools")
                .definedBy(ROOT + ".tools.(*)..", ROOT + ".genieone..", ROOT + ".upstream..")
                .layer("tool-call pipeline")
                .definedBy(ROOT + ".tools")
                .layer("services")
                .definedBy(
                        ROOT + ".resilience..",
                        ROOT + ".dedup..",
                        ROOT + ".audit..",
                        ROOT + ".sci..",
                        ROOT + ".workspace..",
                        ROOT + ".databricks..",
                        ROOT + ".telemetry..")
                .layer("identity")
                .definedBy(ROOT + ".identity..")
                .layer("guard")
                .definedBy(ROOT + ".guard..")
                .whereLayer("front door")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("tools")
                .mayOnlyBeAccessedByLayers("front door")
                .whereLayer("tool-call pipeline")
                .mayOnlyBeAccessedByLayers("front door", "tools")
                .whereLayer("services")
                .mayOnlyBeAccessedByLayers("front door", "tools", "tool-call pipeline")
                .whereLayer("identity")
                .mayOnlyBeAccessedByLayers("front door", "tools", "tool-call pipeline", "services")
                .whereLayer("guard")
                .mayOnlyBeAccessedByLayers("tools")
                .check(classes);
    }

    @Test
    void theGuardIsAPureLibrary() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".guard..")
                .should()
                .dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAPackage(ROOT + ".guard.."))))
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().assignedFrom(new FeaturePackages()).should().beFreeOfCycles().check(classes);
    }

    /**
     * One slice per feature package with its subpackages ({@code databricks.model} belongs to {@code databricks}),
     * except under {@code tools}: the pipeline ({@code tools} itself) and each group of tools are slices of their own.
     */
    private static final class FeaturePackages implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String pkg = javaClass.getPackageName();
            if (!pkg.startsWith(ROOT + ".")) {
                return SliceIdentifier.ignore();
            }
            String[] parts = pkg.substring(ROOT.length() + 1).split("\\.");
            return SliceIdentifier.of(parts[0].equals("tools") && parts.length > 1 ? "tools." + parts[1] : parts[0]);
        }

        @Override
        public String getDescription() {
            return "feature packages of the connector";
        }
    }
}
