package dev.quorumchaos.history.edn;

import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of the part of EDN that Jepsen and Knossos histories use: maps, vectors, lists
 * and sets; keywords, symbols, strings, integers, decimals, {@code nil}, {@code true},
 * {@code false}; {@code ;} comments, commas as whitespace and {@code #_} discards. Anything else
 * (a tagged literal, a character literal, an unterminated string, a map with an odd number of
 * forms) is an {@link EdnException} naming the line and column, never a guess.
 * <p>
 * Written here rather than taken from {@code us.bpsm:edn-java}: that parser reports no position
 * on a syntax error, and a malformed history must be reported by line.
 */
public final class EdnReader {

    /** A keyword, {@code :type} or {@code :jepsen/x}, printed with its colon. */
    public record Keyword(String name) {
        @Override
        public String toString() {
            return ":" + name;
        }
    }

    /** A symbol, such as a bare word; printed as it was written. */
    public record Symbol(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** A map as read, with the line its opening brace is on. */
    public static final class EdnMap extends LinkedHashMap<Object, Object> {
        private final int line;

        EdnMap(int line) {
            this.line = line;
        }

        public int line() {
            return line;
        }

        public Object get(String keyword) {
            return get(new Keyword(keyword));
        }
    }

    /** Thrown on input outside the subset, with the position it was found at. */
    public static final class EdnException extends RuntimeException {
        private final int line;

        EdnException(int line, int column, String message) {
            super("line " + line + ", column " + column + ": " + message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** What {@link #next()} returns at the end of the input. */
    public static final Object END = new Object();

    private static final int EOF = -1;
    private static final int NONE = -2;
    /** What {@code #_} and the value after it read as: nothing. */
    private static final Object DISCARDED = new Object();

    private final Reader in;
    private int pushedBack = NONE;
    /** Where the reader is: after the last character read; columns count from 1. */
    private int line = 1;
    private int column = 0;
    private int lineBefore = 1;
    private int columnBefore = 0;

    public EdnReader(Reader in) {
        this.in = in;
    }

    /** Reads one value from the input string; anything after it is an error. */
    public static Object readOne(String text) {
        EdnReader reader = new EdnReader(new java.io.StringReader(text));
        Object value = reader.next();
        if (value == END) {
            throw new EdnException(1, 1, "no value");
        }
        if (reader.next() != END) {
            throw new EdnException(reader.line, reader.column, "more than one value");
        }
        return value;
    }

    /** The next top-level value, or {@link #END}. */
    public Object next() {
        while (true) {
            int c = skipWhitespace();
            if (c == EOF) {
                return END;
            }
            Object value = value(c);
            if (value != DISCARDED) {
                return value;
            }
        }
    }

    /** The line the reader is on: after {@link #next()}, where the value read ended. */
    public int line() {
        return line;
    }

    private Object value(int c) {
        int startLine = line;
        int startColumn = column;
        return switch (c) {
            case '{' -> map(startLine, startColumn);
            case '[' -> sequence(']', startLine, startColumn);
            case '(' -> sequence(')', startLine, startColumn);
            case '"' -> string(startLine, startColumn);
            case ':' -> keyword(startLine, startColumn);
            case '#' -> dispatch(startLine, startColumn);
            case ']', ')', '}' -> throw new EdnException(startLine, startColumn, "unexpected '" + (char) c + "'");
            case '\\' -> throw new EdnException(startLine, startColumn, "character literals are not supported");
            default -> atom(c, startLine, startColumn);
        };
    }

    private EdnMap map(int startLine, int startColumn) {
        EdnMap map = new EdnMap(startLine);
        List<Object> forms = sequence('}', startLine, startColumn);
        if (forms.size() % 2 != 0) {
            throw new EdnException(startLine, startColumn, "a map needs a value for every key; key "
                    + forms.get(forms.size() - 1) + " has none");
        }
        for (int i = 0; i < forms.size(); i += 2) {
            if (map.containsKey(forms.get(i))) {
                throw new EdnException(startLine, startColumn, "duplicate map key " + forms.get(i));
            }
            map.put(forms.get(i), forms.get(i + 1));
        }
        return map;
    }

    private List<Object> sequence(char close, int startLine, int startColumn) {
        List<Object> items = new ArrayList<>();
        while (true) {
            int c = skipWhitespace();
            if (c == close) {
                return items;
            }
            if (c == EOF) {
                throw new EdnException(startLine, startColumn, "'" + opening(close) + "' never closed (end of input)");
            }
            if (c == ']' || c == ')' || c == '}') {
                throw new EdnException(line, column, "expected '" + close + "', found '" + (char) c + "'");
            }
            Object value = value(c);
            if (value != DISCARDED) {
                items.add(value);
            }
        }
    }

    private static String opening(char close) {
        return switch (close) {
            case ']' -> "[";
            case ')' -> "(";
            default -> "{";
        };
    }

    private Object dispatch(int startLine, int startColumn) {
        int c = read();
        if (c == '{') {
            List<Object> items = sequence('}', startLine, startColumn);
            Set<Object> set = new HashSet<>(items);
            if (set.size() != items.size()) {
                throw new EdnException(startLine, startColumn, "duplicate element in a set");
            }
            return set;
        }
        if (c == '_') {
            int next = skipWhitespace();
            if (next == EOF || next == ']' || next == ')' || next == '}') {
                throw new EdnException(startLine, startColumn, "#_ discards nothing");
            }
            value(next);
            return DISCARDED;
        }
        throw new EdnException(startLine, startColumn, "tagged literals (#" + (c == EOF ? "" : String.valueOf((char) c))
                + "...) are not supported in a history");
    }

    private String string(int startLine, int startColumn) {
        StringBuilder s = new StringBuilder();
        while (true) {
            int c = read();
            if (c == EOF) {
                throw new EdnException(startLine, startColumn, "string never closed (end of input)");
            }
            if (c == '"') {
                return s.toString();
            }
            if (c != '\\') {
                s.append((char) c);
                continue;
            }
            int e = read();
            switch (e) {
                case 't' -> s.append('\t');
                case 'r' -> s.append('\r');
                case 'n' -> s.append('\n');
                case '\\' -> s.append('\\');
                case '"' -> s.append('"');
                case 'u' -> {
                    StringBuilder hex = new StringBuilder();
                    for (int i = 0; i < 4; i++) {
                        hex.append((char) read());
                    }
                    try {
                        s.append((char) Integer.parseInt(hex.toString(), 16));
                    } catch (NumberFormatException bad) {
                        throw new EdnException(line, column, "bad unicode escape \\u" + hex);
                    }
                }
                default -> throw new EdnException(line, column, "unknown escape \\" + (e == EOF ? "" : (char) e));
            }
        }
    }

    private Keyword keyword(int startLine, int startColumn) {
        String name = token(read());
        if (name.isEmpty() || name.startsWith(":")) {
            throw new EdnException(startLine, startColumn, "a keyword needs a name after ':'");
        }
        return new Keyword(name);
    }

    private Object atom(int first, int startLine, int startColumn) {
        String token = token(first);
        if (token.isEmpty()) {
            throw new EdnException(startLine, startColumn, "unexpected '" + (char) first + "'");
        }
        switch (token) {
            case "nil":
                return null;
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            default:
                break;
        }
        char c = token.charAt(0);
        boolean signed = (c == '+' || c == '-') && token.length() > 1;
        if (Character.isDigit(c) || signed && Character.isDigit(token.charAt(1))) {
            return number(token, startLine, startColumn);
        }
        if (!isSymbolStart(c)) {
            throw new EdnException(startLine, startColumn, "unexpected '" + token + "'");
        }
        return new Symbol(token);
    }

    private static Object number(String token, int line, int column) {
        String digits = token.endsWith("N") ? token.substring(0, token.length() - 1) : token;
        try {
            if (digits.matches("[+-]?[0-9]+")) {
                BigInteger n = new BigInteger(digits.startsWith("+") ? digits.substring(1) : digits);
                return n.bitLength() < 64 ? (Object) n.longValue() : n;
            }
            if (digits.matches("[+-]?[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?M?")) {
                return Double.parseDouble(digits.replace("M", ""));
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new EdnException(line, column, "'" + token + "' is not a number");
    }

    private static boolean isSymbolStart(char c) {
        return Character.isLetter(c) || "*+!-_?<>=./&%$'".indexOf(c) >= 0;
    }

    /** The rest of a keyword, symbol or number: up to whitespace, a comma or a delimiter. */
    private String token(int first) {
        StringBuilder t = new StringBuilder();
        int c = first;
        while (c != EOF && !Character.isWhitespace(c) && c != ',' && "{}[]()\";".indexOf(c) < 0) {
            t.append((char) c);
            c = read();
        }
        unread(c);
        return t.toString();
    }

    /** Skips whitespace, commas and comments; returns the next character, or EOF. */
    private int skipWhitespace() {
        while (true) {
            int c = read();
            if (c == ';') {
                while (c != '\n' && c != EOF) {
                    c = read();
                }
            }
            if (c == EOF || !(Character.isWhitespace(c) || c == ',')) {
                return c;
            }
        }
    }

    private int read() {
        int c;
        if (pushedBack != NONE) {
            c = pushedBack;
            pushedBack = NONE;
        } else {
            try {
                c = in.read();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        lineBefore = line;
        columnBefore = column;
        if (c == '\n') {
            line++;
            column = 0;
        } else if (c != EOF) {
            column++;
        }
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
        line = lineBefore;
        column = columnBefore;
    }
}
