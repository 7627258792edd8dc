package org.cpe.decider.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLibraryTest {

    /** A class loader that sees no packaged plans. */
    private static final ClassLoader NOTHING_PACKAGED = new ClassLoader(null) {};

    private static String plan(String name, String version) {
        return """
                name: %s
                version: "%s"
                activities:
                  - {name: A, version: "1"}
                steps:
                  - {name: X, activity: A}
                """
                .formatted(name, version);
    }

    @TempDir
    Path folder;

    @Test
    void validPlansLoadAndAnInvalidPlanIsReportedWithoutStoppingThem() throws Exception {
        Path valid = Files.writeString(folder.resolve("good.yml"), plan("Good", "1"));
        Path alsoValid = Files.writeString(folder.resolve("other.yaml"), plan("Other", "2"));
        Path invalid = Files.writeString(folder.resolve("bad.yml"), "name: Bad\nversion: 1.0\n");

        PlanLibrary library = PlanLibrary.load(NOTHING_PACKAGED, folder);

        assertThat(library.plans())
                .extracting(Plan::key)
                .containsExactlyInAnyOrder(new PlanKey("Good", "1"), new PlanKey("Other", "2"));
        assertThat(library.plan("Good", "1"))
                .hasValueSatisfying(p -> assertThat(p.source()).isEqualTo(valid.toString()));
        assertThat(library.plan("Other", "2"))
                .hasValueSatisfying(p -> assertThat(p.source()).isEqualTo(alsoValid.toString()));
        assertThat(library.plan("Good", "2")).isEmpty();
        assertThat(library.plan("Bad", "1.0")).isEmpty();
        assertThat(library.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.source())
                .isEqualTo(invalid.toString()));
        assertThat(library.problems())
                .extracting(PlanProblem::reason)
                .anySatisfy(r -> assertThat(r).contains("'version' must be a string"))
                .anySatisfy(r -> assertThat(r).contains("'steps' is required"));
    }

    @Test
    void filesThatAreNotYamlAreIgnored() throws Exception {
        Files.writeString(folder.resolve("good.yml"), plan("Good", "1"));
        Files.writeString(folder.resolve("README.md"), "not: [a plan");
        Files.writeString(folder.resolve("good.yml.bak"), plan("Good", "1"));
        Files.createDirectory(folder.resolve("sub.yml"));

        PlanLibrary library = PlanLibrary.load(NOTHING_PACKAGED, folder);

        assertThat(library.plans()).extracting(Plan::key).containsExactly(new PlanKey("Good", "1"));
        assertThat(library.problems()).isEmpty();
    }

    @Test
    void aSecondPlanForTheSameWorkflowTypeIsReportedAndTheFirstKept() throws Exception {
        Path first = Files.writeString(folder.resolve("a.yml"), plan("Same", "1"));
        Path second = Files.writeString(folder.resolve("b.yml"), plan("Same", "1"));

        PlanLibrary library = PlanLibrary.load(NOTHING_PACKAGED, folder);

        assertThat(library.plans()).hasSize(1);
        assertThat(library.plan("Same", "1"))
                .hasValueSatisfying(p -> assertThat(p.source()).isEqualTo(first.toString()));
        assertThat(library.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(second.toString());
            assertThat(p.reason())
                    .contains("Same 1")
                    .contains("already served by " + first)
                    .contains("another version");
        });
    }

    @Test
    void theSameNameWithAnotherVersionIsAnotherPlan() throws Exception {
        Files.writeString(folder.resolve("a.yml"), plan("Same", "1"));
        Files.writeString(folder.resolve("b.yml"), plan("Same", "2"));

        PlanLibrary library = PlanLibrary.load(NOTHING_PACKAGED, folder);

        assertThat(library.plans()).extracting(Plan::version).containsExactlyInAnyOrder("1", "2");
        assertThat(library.problems()).isEmpty();
    }

    @Test
    void aMissingFolderIsReportedAsAProblem() {
        Path missing = folder.resolve("nowhere");

        PlanLibrary library = PlanLibrary.load(NOTHING_PACKAGED, missing);

        assertThat(library.plans()).isEmpty();
        assertThat(library.problems()).singleElement().satisfies(p -> {
            assertThat(p.source()).isEqualTo(missing.toString());
            assertThat(p.reason()).contains("does not exist");
        });
    }

    @Test
    void anEmptyFolderGivesNoPlansAndNoProblems() {
        PlanLibrary library = PlanLibrary.load(NOTHING_PACKAGED, folder);

        assertThat(library.plans()).isEmpty();
        assertThat(library.problems()).isEmpty();
    }

    @Test
    void packagedPlansListedInTheIndexLoadBeforeTheFolderAndWin() throws Exception {
        Path classes = Files.createDirectories(folder.resolve("classes/cpe/plans"));
        Files.writeString(classes.resolve("index"), "# packaged plans\n\nct.yml\n  missing.yml  \n");
        Files.writeString(classes.resolve("ct.yml"), plan("Packaged", "1"));
        Path plans = Files.createDirectory(folder.resolve("plans"));
        Path local = Files.writeString(plans.resolve("local.yml"), plan("Packaged", "1"));
        Files.writeString(plans.resolve("own.yml"), plan("Own", "1"));

        try (URLClassLoader loader =
                new URLClassLoader(new URL[] {folder.resolve("classes").toUri().toURL()}, null)) {
            PlanLibrary library = PlanLibrary.load(loader, plans);

            assertThat(library.plans()).extracting(Plan::name).containsExactlyInAnyOrder("Packaged", "Own");
            assertThat(library.plan("Packaged", "1"))
                    .hasValueSatisfying(p -> assertThat(p.source()).isEqualTo("classpath:cpe/plans/ct.yml"));
            assertThat(library.problems())
                    .anySatisfy(p -> {
                        assertThat(p.source()).isEqualTo("classpath:cpe/plans/missing.yml");
                        assertThat(p.reason()).contains("not packaged");
                    })
                    .anySatisfy(p -> {
                        assertThat(p.source()).isEqualTo(local.toString());
                        assertThat(p.reason()).contains("already served by classpath:cpe/plans/ct.yml");
                    })
                    .hasSize(2);

            assertThat(PlanLibrary.load(loader, null).plans())
                    .extracting(Plan::name)
                    .containsExactly("Packaged");
        }
    }

    @Test
    void aLibraryOfGivenPlansFindsThemByNameAndVersion() throws Exception {
        Plan one = PlanParser.parse("one.yml", plan("One", "1"));
        Plan two = PlanParser.parse("two.yml", plan("Two", "1"));

        PlanLibrary library = PlanLibrary.of(List.of(one, two));

        assertThat(library.plan("One", "1")).contains(one);
        assertThat(library.plan("Two", "1")).contains(two);
        assertThat(library.plan("Three", "1")).isEmpty();
        assertThat(library.problems()).isEmpty();
    }
}
