package dev.quorumchaos.fault.catalog;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.fault.KindFields;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One YAML mapping of a fault file, read field by field. Every mistake names the file, the line
 * and what was expected, and is raised before anything runs.
 */
final class YamlFields implements KindFields {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private final Path file;
    private final Node node;
    private final Map<String, Node> fields = new LinkedHashMap<>();

    YamlFields(Path file, Node node, String what, Set<String> allowed) {
        this.file = file;
        this.node = node;
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of fields (name: value), not " + describe(node));
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalar(tuple.getKeyNode(), "a field name");
            if (!allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown field '" + key + "' in " + what + "; expected one of: "
                        + String.join(", ", allowed));
            }
            fields.put(key, tuple.getValueNode());
        }
    }

    static int line(Node node) {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    int line() {
        return line(node);
    }

    ChaosException error(Node at, String message) {
        return ChaosException.badInput(file + ":" + line(at) + ": " + message);
    }

    @Override
    public ChaosException error(String field, String message) {
        return error(node(field), message);
    }

    @Override
    public boolean has(String key) {
        return fields.containsKey(key);
    }

    Node node(String key) {
        Node n = fields.get(key);
        if (n == null) {
            throw error(node, "missing field '" + key + "'");
        }
        return n;
    }

    @Override
    public String string(String key) {
        return scalar(node(key), "'" + key + "'");
    }

    @Override
    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    Duration duration(String key) {
        return duration(node(key), key);
    }

    Duration duration(Node value, String what) {
        String text = scalar(value, "'" + what + "'");
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw error(value, "'" + what + "' must be a duration like 500ms, 10s, 2m or 1h, not '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    List<Node> list(String key) {
        Node n = node(key);
        if (!(n instanceof SequenceNode seq)) {
            throw error(n, "'" + key + "' must be a list (lines starting with '- '), not " + describe(n));
        }
        if (seq.getValue().isEmpty()) {
            throw error(n, "'" + key + "' must not be empty");
        }
        return seq.getValue();
    }

    String scalar(Node n, String what) {
        if (!(n instanceof ScalarNode s)) {
            throw error(n, what + " must be a single value, not " + describe(n));
        }
        return s.getValue();
    }

    private static String describe(Node n) {
        return switch (n.getNodeType()) {
            case MAPPING -> "a mapping";
            case SEQUENCE -> "a list";
            default -> "'" + ((ScalarNode) n).getValue() + "'";
        };
    }
}
