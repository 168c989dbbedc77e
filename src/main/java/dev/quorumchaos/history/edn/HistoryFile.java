package dev.quorumchaos.history.edn;

import dev.quorumchaos.ChaosException;
import dev.quorumchaos.history.FaultEvent;
import dev.quorumchaos.history.Operation;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A register history read from a file in Jepsen's EDN history format: what {@link HistoryEdn}
 * writes, and what Knossos's and Jepsen's published histories hold. The file is either one map per
 * operation at the top level, or one vector or list of them (Knossos's {@code data/} files).
 * <p>
 * Client operations have an integer {@code :process}, a {@code :type} ({@code :invoke}, {@code :ok},
 * {@code :fail}, {@code :info}) and an {@code :f} of {@code :read}, {@code :write} or {@code :cas}
 * (value {@code [expected new]}); {@code :key} is optional (one register when absent), and so are
 * {@code :time} (then the order of the file is the order of time), {@code :index}, {@code :member}
 * and {@code :error}. Any other process (Jepsen's {@code :nemesis}) injects faults: its operations
 * are kept as fault events when they carry the fields {@link HistoryEdn} writes, and are otherwise
 * passed over, as Jepsen's checkers do. Values are compared as written: a string by its text,
 * anything else (a number, a keyword) by its EDN form, so {@code 3} and {@code "3"} are one value.
 * <p>
 * Anything else is a mistake in the file, reported by {@link ChaosException#badInput} naming the
 * file and line.
 */
public record HistoryFile(Path file, List<Operation> operations, List<FaultEvent> faults, boolean timed,
                          Map<Long, Integer> lineOfIndex, Set<String> keys) {

    /** The key of every operation when the file names none: one register. */
    public static final String SINGLE_REGISTER = "register";

    /** How far apart operations are put when the file has no {@code :time}: one "millisecond" per position. */
    private static final long POSITION_NANOS = 1_000_000;

    public int lineOf(long index) {
        return lineOfIndex.getOrDefault(index, 0);
    }

    public static HistoryFile read(Path file) {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(file, in);
        } catch (NoSuchFileException e) {
            throw ChaosException.badInput(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw ChaosException.badInput(file + ": not UTF-8 text; a history is an EDN text file");
        } catch (IOException e) {
            throw ChaosException.badInput(file + ": cannot read it: " + e.getMessage(), e);
        } catch (java.io.UncheckedIOException e) {
            // bytes are decoded while the reader parses, so bad ones arrive wrapped
            if (e.getCause() instanceof java.nio.charset.MalformedInputException) {
                throw ChaosException.badInput(file + ": not UTF-8 text; a history is an EDN text file");
            }
            throw ChaosException.badInput(file + ": cannot read it: " + e.getCause().getMessage(), e);
        }
    }

    static HistoryFile parse(Path file, Reader in) {
        List<EdnReader.EdnMap> maps = maps(file, new EdnReader(in));
        if (maps.isEmpty()) {
            throw ChaosException.badInput(file + ": no operations in it; a history has one map per operation, such as"
                    + " {:process 0, :type :invoke, :f :write, :value 1}");
        }
        return new Builder(file).build(maps);
    }

    private static List<EdnReader.EdnMap> maps(Path file, EdnReader reader) {
        List<EdnReader.EdnMap> maps = new ArrayList<>();
        try {
            int forms = 0;
            for (Object form = reader.next(); form != EdnReader.END; form = reader.next()) {
                forms++;
                if (form instanceof EdnReader.EdnMap map) {
                    maps.add(map);
                } else if (form instanceof List<?> list && forms == 1) {
                    for (Object item : list) {
                        if (!(item instanceof EdnReader.EdnMap map)) {
                            throw ChaosException.badInput(file + ":" + reader.line() + ": expected an operation map"
                                    + " in the collection, found " + describe(item));
                        }
                        maps.add(map);
                    }
                } else {
                    throw ChaosException.badInput(file + ":" + reader.line() + ": expected an operation map such as"
                            + " {:process 0, :type :invoke, :f :read, :value nil}, found " + describe(form));
                }
            }
        } catch (EdnReader.EdnException e) {
            throw ChaosException.badInput(file + ":" + e.line() + ": not valid EDN: " + e.getMessage());
        }
        return maps;
    }

    private static String describe(Object form) {
        String text = form instanceof String s ? HistoryEdn.string(s) : form instanceof Collection<?> c
                ? "a collection of " + c.size() : String.valueOf(form);
        return text.length() > 60 ? text.substring(0, 60) + "..." : text;
    }

    /** A value as the checks compare it: a string's text, nil as null, anything else by its EDN form. */
    public static String value(Object edn) {
        if (edn == null) {
            return null;
        }
        if (edn instanceof String s) {
            return s;
        }
        if (edn instanceof Collection<?> c) {
            StringBuilder b = new StringBuilder("[");
            for (Object item : c) {
                b.append(b.length() > 1 ? " " : "").append(item instanceof String s ? HistoryEdn.string(s) : value(item));
            }
            return b.append(']').toString();
        }
        return String.valueOf(edn);
    }

    private static final class Builder {
        private final Path file;
        private final List<Operation> operations = new ArrayList<>();
        private final List<FaultEvent> faults = new ArrayList<>();
        private final Map<Long, Integer> lines = new HashMap<>();
        private final Set<String> keys = new LinkedHashSet<>();
        private final Set<Long> indices = new HashSet<>();
        private Boolean timed;
        private Boolean keyed;
        private Boolean indexed;

        Builder(Path file) {
            this.file = file;
        }

        HistoryFile build(List<EdnReader.EdnMap> maps) {
            for (int position = 0; position < maps.size(); position++) {
                EdnReader.EdnMap map = maps.get(position);
                Object process = map.get("process");
                if (process == null && !map.containsKey(new EdnReader.Keyword("process"))) {
                    throw bad(map, "no :process; every operation says which process ran it");
                }
                long index = consistent(map, "index", indexedNow -> indexed = indexedNow, indexed) ? number(map, "index")
                        : position;
                if (!indices.add(index)) {
                    throw bad(map, ":index " + index + " appears twice");
                }
                long time = consistent(map, "time", timedNow -> timed = timedNow, timed) ? number(map, "time")
                        : position * POSITION_NANOS;
                lines.put(index, map.line());
                if (process instanceof Long p) {
                    operations.add(operation(map, index, Math.toIntExact(p), time));
                } else {
                    fault(map, time);
                }
            }
            return new HistoryFile(file, List.copyOf(operations), List.copyOf(faults), Boolean.TRUE.equals(timed),
                    Map.copyOf(lines), Set.copyOf(keys));
        }

        /** Whether the map has {@code field}; a field present on some operations must be on all of them. */
        private boolean consistent(EdnReader.EdnMap map, String field, java.util.function.Consumer<Boolean> set,
                                   Boolean seenBefore) {
            boolean has = map.containsKey(new EdnReader.Keyword(field));
            if (seenBefore == null) {
                set.accept(has);
            } else if (seenBefore != has) {
                throw bad(map, has ? ":" + field + " here, but not on the operations before it"
                        : "no :" + field + ", though the operations before it have one");
            }
            return has;
        }

        private long number(EdnReader.EdnMap map, String field) {
            if (map.get(field) instanceof Long n) {
                return n;
            }
            throw bad(map, ":" + field + " must be a whole number, not " + describe(map.get(field)));
        }

        private Operation operation(EdnReader.EdnMap map, long index, int process, long time) {
            Operation.Type type = type(map);
            Operation.Fn f = fn(map);
            String key = key(map);
            Object raw = map.get("value");
            String value;
            String expected = null;
            if (f == Operation.Fn.CAS) {
                if (!(raw instanceof List<?> pair) || pair.size() != 2) {
                    throw bad(map, "a :cas :value is [expected new], not " + describe(raw));
                }
                expected = scalar(map, pair.get(0));
                value = scalar(map, pair.get(1));
            } else {
                value = scalar(map, raw);
            }
            int member = map.get("member") instanceof Long m ? Math.toIntExact(m) : -1;
            String error = map.get("error") == null ? null : value(map.get("error"));
            return new Operation(index, process, type, f, key, value, expected, member, time, error);
        }

        private String scalar(EdnReader.EdnMap map, Object value) {
            if (value instanceof Collection<?> || value instanceof Map<?, ?>) {
                throw bad(map, "a register holds one value, not " + describe(value)
                        + "; Jepsen's independent [key value] tuples are not read: give the key as :key");
            }
            return value(value);
        }

        private Operation.Type type(EdnReader.EdnMap map) {
            Object type = map.get("type");
            if (type instanceof EdnReader.Keyword k) {
                switch (k.name()) {
                    case "invoke":
                        return Operation.Type.INVOKE;
                    case "ok":
                        return Operation.Type.OK;
                    case "fail":
                        return Operation.Type.FAIL;
                    case "info":
                        return Operation.Type.INFO;
                    default:
                        break;
                }
            }
            throw bad(map, ":type must be :invoke, :ok, :fail or :info, not " + describe(type));
        }

        private Operation.Fn fn(EdnReader.EdnMap map) {
            Object f = map.get("f");
            if (f instanceof EdnReader.Keyword k) {
                switch (k.name()) {
                    case "read":
                        return Operation.Fn.READ;
                    case "write":
                        return Operation.Fn.WRITE;
                    case "cas":
                        return Operation.Fn.CAS;
                    default:
                        break;
                }
            }
            throw bad(map, ":f must be :read, :write or :cas (a register's operations), not " + describe(f));
        }

        private String key(EdnReader.EdnMap map) {
            boolean has = map.containsKey(new EdnReader.Keyword("key"));
            if (keyed == null) {
                keyed = has;
            } else if (keyed != has) {
                throw bad(map, has ? ":key here, but not on the operations before it"
                        : "no :key, though the operations before it name one");
            }
            String key = has ? value(map.get("key")) : SINGLE_REGISTER;
            if (key == null) {
                throw bad(map, ":key nil; name the register");
            }
            keys.add(key);
            return key;
        }

        /** A nemesis operation: a fault event when it is one of ours, otherwise nothing a register check reads. */
        private void fault(EdnReader.EdnMap map, long time) {
            if (!(map.get("f") instanceof EdnReader.Keyword f) || !(map.get("fault") instanceof String id)) {
                return;
            }
            boolean apply = f.name().startsWith("start-");
            if (!apply && !f.name().startsWith("stop-")) {
                return;
            }
            List<Integer> members = new ArrayList<>();
            if (map.get("value") instanceof List<?> list) {
                for (Object m : list) {
                    if (m instanceof Long n) {
                        members.add(Math.toIntExact(n));
                    }
                }
            }
            Set<FaultEvent.Link> cuts = new HashSet<>();
            if (map.get("cuts") instanceof List<?> list) {
                for (Object cut : list) {
                    if (cut instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof Long from
                            && pair.get(1) instanceof Long to) {
                        cuts.add(new FaultEvent.Link(Math.toIntExact(from), Math.toIntExact(to)));
                    }
                }
            }
            String kind = f.name().substring(apply ? "start-".length() : "stop-".length());
            String description = map.get("description") instanceof String d ? d : kind;
            String detail = map.get("detail") instanceof String d ? d : null;
            faults.add(new FaultEvent(id, kind, description, apply ? FaultEvent.Phase.APPLY : FaultEvent.Phase.RECOVER,
                    members, time, detail, cuts));
        }

        private ChaosException bad(EdnReader.EdnMap map, String why) {
            return ChaosException.badInput(file + ":" + map.line() + ": " + why);
        }
    }
}
