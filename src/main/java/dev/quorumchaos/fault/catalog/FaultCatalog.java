package dev.quorumchaos.fault.catalog;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.FaultKind;
import dev.quorumchaos.fault.kinds.FaultKinds;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The fault catalog: one YAML file per named fault under {@code faults/}. Loading validates every
 * file completely; the first mistake found in each file is reported with file, line and what was
 * expected, all files at once, before any scenario runs.
 */
public final class FaultCatalog {

    /** The fields every single fault has; the rest each kind declares ({@link FaultKind#fields()}). */
    private static final List<String> SINGLE_FIELDS = List.of("kind", "target");
    static final List<String> COMPOSITE_KINDS = List.of("sequence", "rolling", "repeat");
    private static final Map<String, List<String>> COMPOSITE_FIELDS = Map.of("sequence", List.of("steps"),
            "rolling", List.of("fault", "await-quorum", "order"), "repeat", List.of("fault", "every", "for"));

    /** The fields of single faults beyond kind and target, in the registry's order: duration, taint, shape. */
    private static List<String> kindFields() {
        Set<String> fields = new LinkedHashSet<>();
        FaultKinds.ALL.forEach(k -> fields.addAll(k.fields()));
        return List.copyOf(fields);
    }

    private final Map<String, FaultDefinition> faults;

    private FaultCatalog(Map<String, FaultDefinition> faults) {
        this.faults = faults;
    }

    public static FaultCatalog empty() {
        return new FaultCatalog(Map.of());
    }

    /** Loads every {@code *.yaml} / {@code *.yml} file in {@code dir}; a missing dir is an empty catalog. */
    public static FaultCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            return empty();
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw ChaosException.badInput("cannot read the fault catalog " + dir + ": " + e.getMessage(), e);
        }
        Map<String, FaultDefinition> faults = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        for (Path file : files) {
            try {
                FaultDefinition d = parse(file);
                FaultDefinition clash = faults.put(d.name(), d);
                if (clash != null) {
                    errors.add(file + ": the name '" + d.name() + "' is taken by " + clash.file());
                }
            } catch (ChaosException e) {
                errors.add(e.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            throw ChaosException.badInput("the fault catalog in " + dir + " has " + errors.size() + " error(s):\n  "
                    + String.join("\n  ", errors));
        }
        return new FaultCatalog(faults);
    }

    public Optional<FaultDefinition> find(String name) {
        return Optional.ofNullable(faults.get(name));
    }

    public FaultDefinition get(String name) {
        return find(name).orElseThrow(() -> ChaosException.badInput("no fault named '" + name
                + "' in the catalog; known faults: " + String.join(", ", faults.keySet())));
    }

    public List<FaultDefinition> all() {
        return List.copyOf(faults.values());
    }

    static FaultDefinition parse(Path file) {
        Node root;
        try (Reader reader = Files.newBufferedReader(file)) {
            root = new Compose(LoadSettings.builder().setLabel(file.toString()).build()).composeReader(reader)
                    .orElseThrow(() -> ChaosException.badInput(file + ":1: the file is empty"));
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            throw ChaosException.badInput(file + ":" + line + ": not valid YAML: " + e.getProblem());
        } catch (YamlEngineException e) {
            throw ChaosException.badInput(file + ": not valid YAML: " + e.getMessage());
        } catch (IOException e) {
            throw ChaosException.badInput(file + ": cannot read: " + e.getMessage(), e);
        }
        List<String> kindSpecific = new ArrayList<>(List.of("steps", "fault", "every", "for", "await-quorum", "order",
                "target"));
        kindSpecific.addAll(kindFields());
        Set<String> topLevel = new LinkedHashSet<>(List.of("name", "description", "kind"));
        topLevel.addAll(kindSpecific);
        YamlFields f = new YamlFields(file, root, "a fault file", topLevel);
        String fileName = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = f.string("name", fileName);
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw f.error(f.node("name"), "a fault name is lower case letters, digits and dashes, not '" + name + "'");
        }
        String description = f.string("description");
        String kind = f.string("kind");
        if (COMPOSITE_FIELDS.containsKey(kind)) {
            for (String field : kindSpecific) {
                if (f.has(field) && !COMPOSITE_FIELDS.get(kind).contains(field)) {
                    throw f.error(f.node(field), "a " + kind + " fault has no '" + field + "'; it takes "
                            + String.join(", ", new java.util.TreeSet<>(COMPOSITE_FIELDS.get(kind))));
                }
            }
        }
        FaultDefinition.Plan plan = switch (kind) {
            case "sequence" -> sequence(file, f);
            case "rolling" -> rolling(file, f);
            case "repeat" -> repeat(file, f);
            default -> single(file, root, "the fault", true);
        };
        return new FaultDefinition(name, description, file, plan);
    }

    private static FaultDefinition.Single single(Path file, Node node, String what, boolean topLevel) {
        Set<String> allowed = new LinkedHashSet<>(SINGLE_FIELDS);
        allowed.addAll(kindFields());
        if (topLevel) {
            allowed.addAll(List.of("name", "description"));
        }
        YamlFields f = new YamlFields(file, node, what, allowed);
        String name = f.string("kind");
        FaultKind kind = FaultKinds.find(name).orElse(null);
        if (kind == null) {
            List<String> kinds = new ArrayList<>(FaultKinds.names());
            if (topLevel) {
                kinds.addAll(COMPOSITE_KINDS);
            }
            throw f.error(f.node("kind"), "unknown fault kind '" + name + "'; expected one of: " + String.join(", ", kinds));
        }
        for (String field : kindFields()) {
            if (f.has(field) && !kind.fields().contains(field)) {
                throw f.error(f.node(field), "a " + name + " fault has no '" + field + "'");
            }
        }
        MemberSelector target = target(f, kind, kind.needsTarget(f));
        Duration duration = f.has("duration") ? f.duration("duration") : null;
        if (kind.needsDuration() && duration == null) {
            throw f.error(node, "a " + name + " needs a 'duration', e.g. 'duration: 10s'");
        }
        return new FaultDefinition.Single(kind, target, duration, Map.copyOf(kind.options(f)));
    }

    private static MemberSelector target(YamlFields f, FaultKind kind, boolean required) {
        if (!f.has("target")) {
            if (required) {
                throw f.error(f.node("kind"), "a " + kind.name() + " fault needs a 'target' ("
                        + MemberSelector.FORMS + ")");
            }
            return null;
        }
        String text = f.string("target");
        MemberSelector target = MemberSelector.parse(text);
        if (target == null) {
            throw f.error(f.node("target"), "unknown target '" + text + "'; expected one of: " + MemberSelector.FORMS);
        }
        boolean hitsNodes = kind.victim() == FaultKind.Victim.NODE;
        if (hitsNodes != target.node()) {
            throw f.error(f.node("target"), hitsNodes
                    ? "a " + kind.name() + " fault hits a node: target 'node hosting leader' or 'node hosting member N'"
                    : "a " + kind.name() + " fault hits members, not nodes: target e.g. 'leader' or 'member 1'");
        }
        return target;
    }

    private static FaultDefinition.Sequence sequence(Path file, YamlFields f) {
        List<FaultDefinition.Step> steps = new ArrayList<>();
        for (Node entry : f.list("steps")) {
            YamlFields step = new YamlFields(file, entry, "a step of the sequence",
                    stepFields());
            if (step.has("wait")) {
                steps.add(new FaultDefinition.Wait(step.duration("wait")));
            } else if (step.has("await-quorum")) {
                steps.add(new FaultDefinition.AwaitQuorum(step.duration("await-quorum")));
            } else if (step.has("kind")) {
                steps.add(single(file, entry, "a step of the sequence", false));
            } else {
                throw step.error(entry, "a step of a sequence is a fault (kind, target, ...), 'wait: 5s' or"
                        + " 'await-quorum: 30s'");
            }
        }
        return new FaultDefinition.Sequence(List.copyOf(steps));
    }

    private static FaultDefinition.Rolling rolling(Path file, YamlFields f) {
        Node faultNode = f.node("fault");
        YamlFields inner = new YamlFields(file, faultNode, "the rolling fault", Set.of("kind", "duration"));
        String name = inner.string("kind");
        List<FaultKind> rolling = FaultKinds.ALL.stream().filter(FaultKind::rolls).toList();
        FaultKind kind = rolling.stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow(() ->
                inner.error(inner.node("kind"), "a rolling fault is " + either(rolling) + ", not '" + name + "'"));
        Duration duration = inner.has("duration") ? inner.duration("duration") : null;
        if (kind.needsDuration() && duration == null) {
            throw inner.error(faultNode, "a " + name + " needs a 'duration', e.g. 'duration: 10s'");
        }
        String order = f.string("order", "ordinal");
        if (!order.equals("ordinal") && !order.equals("random")) {
            throw f.error(f.node("order"), "'order' is 'ordinal' or 'random', not '" + order + "'");
        }
        Duration timeout = f.has("await-quorum") ? f.duration("await-quorum") : Duration.ofSeconds(60);
        return new FaultDefinition.Rolling(new FaultDefinition.Single(kind, MemberSelector.eachMember(), duration, Map.of()),
                timeout, order.equals("random"));
    }

    /** "kill, pause, volume-loss or pod-delete" */
    private static String either(List<FaultKind> kinds) {
        List<String> names = kinds.stream().map(FaultKind::name).toList();
        return names.size() == 1 ? names.get(0)
                : String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** What a step of a sequence may hold: a wait, a wait for quorum, or a single fault's fields. */
    private static Set<String> stepFields() {
        Set<String> fields = new LinkedHashSet<>(List.of("wait", "await-quorum"));
        fields.addAll(SINGLE_FIELDS);
        fields.addAll(kindFields());
        return fields;
    }

    private static FaultDefinition.Repeat repeat(Path file, YamlFields f) {
        FaultDefinition.Single fault = single(file, f.node("fault"), "the repeated fault", false);
        Duration every = f.duration("every");
        Duration total = f.duration("for");
        if (every.isZero() || total.compareTo(every) < 0) {
            throw f.error(f.node("every"), "'every' must be more than zero and no longer than 'for' ("
                    + format(total) + ")");
        }
        return new FaultDefinition.Repeat(fault, every, total);
    }

    static String format(Duration d) {
        if (d.toMillis() % 60_000 == 0 && d.toMinutes() > 0) {
            return d.toMinutes() + " min";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
