package dev.quorumchaos.report.html;

/**
 * Text and attribute values made safe for HTML and inline SVG. Every string that comes from a
 * run (scenario and check names, errors, evidence) goes through {@link #text}: a scenario named
 * {@code <script>} must show as text, never run.
 */
final class Html {

    private Html() {
    }

    static String text(Object value) {
        if (value == null) {
            return "";
        }
        String s = value.toString();
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String escaped = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (escaped == null && (c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
                escaped = "\uFFFD"; // control characters are not allowed in XML (inline SVG)
            }
            if (escaped != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(escaped);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }

    /** A coordinate with one decimal at most, without the cost of String.format for thousands of shapes. */
    static String num(double v) {
        long tenths = Math.round(v * 10);
        long whole = tenths / 10;
        long frac = Math.abs(tenths % 10);
        if (frac == 0) {
            return Long.toString(whole);
        }
        return (tenths < 0 && whole == 0 ? "-" : "") + whole + "." + frac;
    }
}
