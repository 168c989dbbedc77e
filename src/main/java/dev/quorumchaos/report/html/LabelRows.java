package dev.quorumchaos.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * Stacks labels in rows so none covers another: each goes in the first row where its span is
 * free. Rows are capped, so a 30-minute scenario with a hundred faults stays a readable height.
 */
final class LabelRows {

    /** Average width of a character of the 11 px sans-serif the timeline uses, a little generous. */
    static final double CHAR_WIDTH = 6.4;

    private final int maxRows;
    private final List<Double> rowEnds = new ArrayList<>();

    LabelRows(int maxRows) {
        this.maxRows = maxRows;
    }

    static double width(String text) {
        return text.length() * CHAR_WIDTH;
    }

    /** The row for the span, or -1 when every allowed row is taken there. */
    int place(double from, double to) {
        for (int row = 0; row < rowEnds.size(); row++) {
            if (rowEnds.get(row) <= from) {
                rowEnds.set(row, to + 4);
                return row;
            }
        }
        if (rowEnds.size() < maxRows) {
            rowEnds.add(to + 4);
            return rowEnds.size() - 1;
        }
        return -1;
    }

    int used() {
        return rowEnds.size();
    }
}
