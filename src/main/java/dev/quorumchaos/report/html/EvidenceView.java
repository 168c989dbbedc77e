package dev.quorumchaos.report.html;

import dev.quorumchaos.check.DurabilityEvidence;
import dev.quorumchaos.check.Evidence;
import dev.quorumchaos.report.Json;
import dev.quorumchaos.report.ReadableTime;
import tools.jackson.core.type.TypeReference;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static dev.quorumchaos.report.html.Html.text;

/**
 * A check's evidence, readable: lost writes as a list of keys, outages and unavailability
 * windows as tables with times on the scenario's clock, {@code ...Ms} values as durations or
 * moments. Shows every field of any kind of evidence, so a new kind shows without a change here;
 * the common fields get labels that say what they mean.
 */
final class EvidenceView {

    private static final int MAX_ROWS = 50;
    private static final int MAX_ITEMS = 200;
    static final DateTimeFormatter WALL_CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'")
            .withZone(ZoneOffset.UTC);

    private static final Map<String, String> LABELS = Map.ofEntries(
            Map.entry("lost", "lost writes"),
            Map.entry("lostWrites", "acknowledged writes lost"),
            Map.entry("lostByMember", "missing, by member"),
            Map.entry("acknowledged", "acknowledged writes"),
            Map.entry("indeterminate", "indeterminate writes (info)"),
            Map.entry("indeterminatePresent", "indeterminate writes present"),
            Map.entry("invokedAfterReadStarted", "not judged (invoked after reading began)"),
            Map.entry("failed", "writes reported failed"),
            Map.entry("failedButPresent", "reported failed but present"),
            Map.entry("unexpected", "present but never written"),
            Map.entry("unreadable", "members that could not be read"),
            Map.entry("firstLostWrittenAtMs", "first lost write written"),
            Map.entry("firstExceededAtMs", "budget first exceeded"),
            Map.entry("firstExceededAt", "budget first exceeded (wall clock)"),
            Map.entry("exceededForMs", "over budget for"),
            Map.entry("maxUnavailable", "most unavailable at once"),
            Map.entry("maxUnavailableAtMs", "most unavailable"),
            Map.entry("maxUnavailableMembers", "members unavailable then"),
            Map.entry("unavailable", "unavailability windows"),
            Map.entry("graceMs", "grace before a member counts as unavailable"),
            Map.entry("outages", "quorum outages"),
            Map.entry("firstQuorumAtMs", "first quorum"),
            Map.entry("measuredFrom", "measured from"),
            Map.entry("measuredFromMs", "fault applied"),
            Map.entry("deadlineMs", "deadline"),
            Map.entry("timeToQuorumMs", "time to quorum"),
            Map.entry("quorumLostAtMs", "quorum lost"),
            Map.entry("quorumAtMs", "quorum back"),
            Map.entry("withoutQuorumForMs", "without quorum for"),
            Map.entry("recovery", "recovery after the fault"),
            Map.entry("lostBeforeFault", "quorum already lost when the fault landed"),
            Map.entry("readsNotJudged", "reads not judged (value written more than once, or never)"),
            Map.entry("keysNotJudged", "keys with reads not judged"),
            Map.entry("exception", "exception"));

    private static final TypeReference<java.util.LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private EvidenceView() {
    }

    /** Every field the evidence has, in the record's order, as {@code results.json} has them. */
    static void render(Evidence evidence, StringBuilder out) {
        Map<String, Object> fields = Json.MAPPER.convertValue(evidence, FIELDS);
        if (fields.isEmpty()) {
            return;
        }
        Integer lostWrites = evidence instanceof DurabilityEvidence d ? d.lostWrites() : null;
        out.append("<dl class=\"evidence\">");
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            out.append("<dt>").append(text(label(e.getKey()))).append("</dt><dd>");
            value(e.getKey(), e.getValue(), "lost".equals(e.getKey()) ? lostWrites : null, out);
            out.append("</dd>");
        }
        out.append("</dl>\n");
    }

    static String label(String key) {
        String known = LABELS.get(key);
        if (known != null) {
            return known;
        }
        String words = key.replaceAll("Ms$", "").replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? key : words;
    }

    /** @param total how many there are in all, when a list shows only the first few; else null */
    private static void value(String key, Object value, Integer total, StringBuilder out) {
        if (value instanceof Map<?, ?> map) {
            out.append("<dl class=\"evidence\">");
            map.forEach((k, v) -> {
                out.append("<dt>").append(text(label(String.valueOf(k)))).append("</dt><dd>");
                value(String.valueOf(k), v, null, out);
                out.append("</dd>");
            });
            out.append("</dl>");
        } else if (value instanceof Collection<?> list && !list.isEmpty() && list.iterator().next() instanceof Map) {
            table(list, out);
        } else if (value instanceof Collection<?> list) {
            chips(list, total, out);
        } else {
            out.append(text(scalar(key, value)));
        }
    }

    private static void chips(Collection<?> list, Integer total, StringBuilder out) {
        if (list.isEmpty()) {
            out.append("<span class=\"muted\">none</span>");
            return;
        }
        boolean numbers = list.stream().allMatch(v -> v instanceof Number);
        if (numbers) {
            List<String> shown = list.stream().map(String::valueOf).toList();
            out.append(text(String.join(", ", shown)));
            return;
        }
        if (total != null && total > list.size()) {
            out.append("<span class=\"muted\">the first ").append(list.size()).append(" of ").append(total)
                    .append(":</span> ");
        }
        int i = 0;
        for (Object v : list) {
            if (i++ == MAX_ITEMS) {
                out.append("<span class=\"muted\">… ").append(list.size() - MAX_ITEMS).append(" more</span>");
                break;
            }
            out.append("<code class=\"chip\">").append(text(v)).append("</code>");
        }
    }

    private static void table(Collection<?> rows, StringBuilder out) {
        Set<String> columns = new LinkedHashSet<>();
        for (Object row : rows) {
            if (row instanceof Map<?, ?> m) {
                m.keySet().forEach(k -> columns.add(String.valueOf(k)));
            }
        }
        boolean addDuration = columns.contains("fromMs") && columns.contains("toMs") && !columns.contains("durationMs");
        out.append("<table><tr>");
        for (String c : columns) {
            out.append("<th>").append(text(label(c))).append("</th>");
        }
        if (addDuration) {
            out.append("<th>for</th>");
        }
        out.append("</tr>");
        int shown = 0;
        for (Object row : rows) {
            if (shown++ == MAX_ROWS) {
                out.append("<tr><td colspan=\"").append(columns.size() + (addDuration ? 1 : 0))
                        .append("\" class=\"muted\">… ").append(rows.size() - MAX_ROWS).append(" more</td></tr>");
                break;
            }
            Map<?, ?> m = row instanceof Map<?, ?> map ? map : Map.of();
            out.append("<tr>");
            for (String c : columns) {
                out.append("<td>");
                Object v = m.get(c);
                if (v != null) {
                    value(c, v, null, out);
                }
                out.append("</td>");
            }
            if (addDuration && m.get("fromMs") instanceof Number from && m.get("toMs") instanceof Number to) {
                out.append("<td>").append(text(ReadableTime.of(to.longValue() - from.longValue()))).append("</td>");
            } else if (addDuration) {
                out.append("<td></td>");
            }
            out.append("</tr>");
        }
        out.append("</table>");
    }

    /** Times on the scenario's clock end in {@code Ms}; a moment ({@code ...AtMs}, from, to) reads "at". */
    static String scalar(String key, Object value) {
        if (value == null) {
            return "—";
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Number n && key.endsWith("Ms")) {
            long ms = n.longValue();
            return key.endsWith("AtMs") || key.equals("fromMs") || key.equals("toMs") || key.equals("measuredFromMs")
                    ? ReadableTime.at(ms) : ReadableTime.of(ms);
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.4g", d);
        }
        if (value instanceof String s && (key.equals("at") || key.endsWith("At"))) {
            return wallClock(s);
        }
        return String.valueOf(value);
    }

    static String wallClock(String iso) {
        try {
            return WALL_CLOCK.format(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
