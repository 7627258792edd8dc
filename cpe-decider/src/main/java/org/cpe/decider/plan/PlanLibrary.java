package org.cpe.decider.plan;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The plans a Decider runs: every {@code *.yml} and {@code *.yaml} file of a folder, plus the plans packaged with
 * the application (resources listed in {@code cpe/plans/index}). Invalid plans are kept aside with their problems;
 * the valid ones run. Two plans for one workflow type: the first one loaded wins, the second is reported.
 */
public final class PlanLibrary {

    /** Lists the packaged plans' resource names, one per line, relative to {@code cpe/plans/}. */
    public static final String PACKAGED_INDEX = "cpe/plans/index";

    private final Map<PlanKey, Plan> plans;
    private final List<PlanProblem> problems;

    private PlanLibrary(Map<PlanKey, Plan> plans, List<PlanProblem> problems) {
        this.plans = Map.copyOf(plans);
        this.problems = List.copyOf(problems);
    }

    /** Loads the packaged plans of {@code loader}, then those of {@code folder} when it is not null. */
    public static PlanLibrary load(ClassLoader loader, Path folder) {
        Map<PlanKey, Plan> plans = new LinkedHashMap<>();
        List<PlanProblem> problems = new ArrayList<>();
        for (String resource : packaged(loader)) {
            String source = "classpath:cpe/plans/" + resource;
            try (InputStream in = loader.getResourceAsStream("cpe/plans/" + resource)) {
                if (in == null) {
                    problems.add(new PlanProblem(source, "", "listed in " + PACKAGED_INDEX + " but not packaged"));
                    continue;
                }
                add(source, new String(in.readAllBytes(), StandardCharsets.UTF_8), plans, problems);
            } catch (IOException e) {
                problems.add(new PlanProblem(source, "", "cannot be read: " + e.getMessage()));
            }
        }
        if (folder != null) {
            if (!Files.isDirectory(folder)) {
                problems.add(new PlanProblem(folder.toString(), "", "the plans folder does not exist"));
            } else {
                for (Path file : files(folder)) {
                    try {
                        add(file.toString(), Files.readString(file), plans, problems);
                    } catch (IOException e) {
                        problems.add(new PlanProblem(file.toString(), "", "cannot be read: " + e.getMessage()));
                    }
                }
            }
        }
        return new PlanLibrary(plans, problems);
    }

    /** A library of exactly these plans, for tests and tools. */
    public static PlanLibrary of(List<Plan> plans) {
        Map<PlanKey, Plan> byKey = new LinkedHashMap<>();
        plans.forEach(p -> byKey.put(p.key(), p));
        return new PlanLibrary(byKey, List.of());
    }

    private static void add(String source, String yaml, Map<PlanKey, Plan> plans, List<PlanProblem> problems) {
        try {
            Plan plan = PlanParser.parse(source, yaml);
            Plan earlier = plans.putIfAbsent(plan.key(), plan);
            if (earlier != null) {
                problems.add(new PlanProblem(
                        source,
                        "",
                        "workflow type " + plan.key() + " is already served by " + earlier.source()
                                + "; give this plan another version"));
            }
        } catch (PlanException e) {
            problems.addAll(e.problems());
        }
    }

    private static List<String> packaged(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(PACKAGED_INDEX)) {
            if (in == null) {
                return List.of();
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return Files.isRegularFile(f) && (name.endsWith(".yml") || name.endsWith(".yaml"));
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<Plan> plan(String name, String version) {
        return Optional.ofNullable(plans.get(new PlanKey(name, version)));
    }

    public List<Plan> plans() {
        return List.copyOf(plans.values());
    }

    /** Why the plans that did not load were rejected. */
    public List<PlanProblem> problems() {
        return problems;
    }
}
