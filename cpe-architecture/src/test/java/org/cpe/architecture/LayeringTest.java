package org.cpe.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.LocationProvider;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cpe.client.ClientDefinition;

/**
 * The layering of docs/architecture.md, checked on the main classes of every module (tests are left out: a test may
 * reach across layers to set a scene). Each rule says why it exists; a failure names the offending dependency with
 * its class and line.
 */
@AnalyzeClasses(
        packages = "org.cpe",
        locations = LayeringTest.WarClasses.class,
        importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    /** The packages of cpe-ejb, one per role or platform concern. */
    static final List<String> EJB_PACKAGES = List.of(
            "org.cpe.inputpoller",
            "org.cpe.operations",
            "org.cpe.decider.runtime",
            "org.cpe.activitypoller",
            "org.cpe.notices",
            "org.cpe.embedded.sqs",
            "org.cpe.embedded.swf",
            "org.cpe.embedded.s3",
            "org.cpe.server",
            "org.cpe.config",
            "org.cpe.loop",
            "org.cpe.lifecycle",
            "org.cpe.aws",
            "org.cpe.metrics");

    /** The platform of cpe-ejb: what every role builds on. */
    static final String[] PLATFORM = {
        "org.cpe.config..",
        "org.cpe.loop..",
        "org.cpe.lifecycle..",
        "org.cpe.aws..",
        "org.cpe.metrics..",
        "org.cpe.notices.."
    };

    /** The roles of cpe-ejb (and the decision logic the Decider role runs). */
    static final String[] ROLES = {
        "org.cpe.inputpoller..",
        "org.cpe.operations..",
        "org.cpe.decider..",
        "org.cpe.activitypoller..",
        "org.cpe.embedded..",
        "org.cpe.server.."
    };

    /** Everything that runs only in the server: the embedded SWF and S3 modules, cpe-ejb and cpe-war. */
    static final String[] SERVER = {
        "org.cpe.swf..",
        "org.cpe.s3..",
        "org.cpe.inputpoller..",
        "org.cpe.operations..",
        "org.cpe.decider.runtime..",
        "org.cpe.activitypoller..",
        "org.cpe.notices..",
        "org.cpe.embedded..",
        "org.cpe.server..",
        "org.cpe.config..",
        "org.cpe.loop..",
        "org.cpe.lifecycle..",
        "org.cpe.aws..",
        "org.cpe.metrics..",
        "org.cpe.web.."
    };

    @ArchTest
    static final ArchRule modulesAreFreeOfCycles = slices().matching("org.cpe.(*)..")
            .should()
            .beFreeOfCycles()
            .because("the modules and roles build on one another in one direction (docs/architecture.md); a cycle"
                    + " means neither side can be understood, tested or moved without the other");

    @ArchTest
    static final ArchRule ejbPackagesAreFreeOfCycles = slices().assignedFrom(new EjbPackages())
            .should()
            .beFreeOfCycles()
            .because("cpe-ejb is split by role so that each role can be read and changed on its own; a cycle between"
                    + " two of its packages would tie those roles back together");

    @ArchTest
    static final ArchRule activitySpiStandsAlone = noClasses()
            .that()
            .resideInAPackage("org.cpe.activity..")
            .should()
            .dependOnClassesThat(resideInAPackage("org.cpe..").and(not(resideInAPackage("org.cpe.activity.."))))
            .because("third parties compile their activities against the SPI alone; whatever of CPE it reaches"
                    + " becomes part of that contract and of every activity jar's classpath");

    @ArchTest
    static final ArchRule protocolStandsAlone = noClasses()
            .that()
            .resideInAPackage("org.cpe.protocol..")
            .should()
            .dependOnClassesThat(resideInAPackage("org.cpe..").and(not(resideInAPackage("org.cpe.protocol.."))))
            .because("the wire protocol is shared by clients and every role; it must not pull any of them in");

    @ArchTest
    static final ArchRule activityPollerUsesOnlyTheSpiTheProtocolAndThePlatform = classes()
            .that()
            .resideInAPackage("org.cpe.activitypoller..")
            .should()
            .onlyDependOnClassesThat(resideOutsideOfPackage("org.cpe..")
                    .or(resideInAnyPackage(
                                    "org.cpe.activitypoller..",
                                    "org.cpe.activity..",
                                    "org.cpe.protocol..",
                                    "org.cpe.config..",
                                    "org.cpe.loop..",
                                    "org.cpe.lifecycle..",
                                    "org.cpe.aws..",
                                    "org.cpe.metrics..",
                                    "org.cpe.notices..")
                            // The one class of the client library it names, a value record: the clients whose
                            // queues its messages go to, handed from the configuration to the notifier.
                            .or(equivalentTo(ClientDefinition.class))))
            .because("a worker runs the ActivityPoller alone (roles=activitypoller) against a remote SWF: it must"
                    + " not need the Decider, the operations, the embedded services or their modules");

    @ArchTest
    static final ArchRule platformKnowsNoRole = noClasses()
            .that()
            .resideInAnyPackage(PLATFORM)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(ROLES)
            .because("the platform is what every role builds on; if it knew a role, every role would drag that one"
                    + " along and a server could not run a subset of them");

    @ArchTest
    static final ArchRule clientDependsOnNoServerModule = noClasses()
            .that()
            .resideInAPackage("org.cpe.client..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(SERVER, "org.cpe.decider..", "org.cpe.cli.."))
            .because("applications embed the client library; it must come with the protocol and the SQS client only,"
                    + " never with the server");

    @ArchTest
    static final ArchRule cliDependsOnNoServerModule = noClasses()
            .that()
            .resideInAPackage("org.cpe.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(SERVER, "org.cpe.decider.logic.."))
            .because("bin/cpe runs on an operator's machine with the client library; only the plan check"
                    + " (org.cpe.decider.plan) comes along, to check a plan offline");

    @ArchTest
    static final ArchRule decisionLogicKnowsNoEngine = noClasses()
            .that()
            .resideInAnyPackage("org.cpe.decider.logic..", "org.cpe.decider.plan..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(concat(SERVER, "org.cpe.client..", "org.cpe.cli.."))
            .because("the decision logic is a pure function of a plan and a history: it runs the same against the"
                    + " embedded engine and AWS SWF, and its tests need neither");

    private static String[] concat(String[] packages, String... more) {
        String[] all = new String[packages.length + more.length];
        System.arraycopy(packages, 0, all, 0, packages.length);
        System.arraycopy(more, 0, all, packages.length, more.length);
        return all;
    }

    /** The slices of {@link #ejbPackagesAreFreeOfCycles}: one per package of cpe-ejb, with its subpackages. */
    static final class EjbPackages implements SliceAssignment {

        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            for (String root : EJB_PACKAGES) {
                if (name.equals(root) || name.startsWith(root + ".")) {
                    return SliceIdentifier.of(root);
                }
            }
            return SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "the packages of cpe-ejb";
        }
    }

    /**
     * The classes of cpe-war: a WAR is never on a classpath, so they are read from its build folder (the system
     * property {@code cpe.war.classes}, set by the pom).
     */
    static final class WarClasses implements LocationProvider {

        @Override
        public Set<Location> get(Class<?> testClass) {
            String folder = System.getProperty("cpe.war.classes");
            if (folder == null || !Files.isDirectory(Path.of(folder))) {
                throw new IllegalStateException("cpe-war's classes not found at " + folder + ": build cpe-war first");
            }
            return Set.of(Location.of(Path.of(folder)));
        }
    }
}
