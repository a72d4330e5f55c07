package io.wechat.bench;

import java.util.List;

/** A Markdown table of the report: the header, the first column left-aligned and the others right-aligned, then rows. */
final class MarkdownTable {
    private final StringBuilder s = new StringBuilder();
    private final int columns;

    MarkdownTable(String first, List<?> others) {
        columns = others.size() + 1;
        row(first, others);
        s.append("|---|").append("---:|".repeat(others.size())).append("\n");
    }

    /** A row of the first cell and the others; the cell count must match the header's. */
    MarkdownTable row(String first, List<?> others) {
        if (others.size() + 1 != columns) {
            throw new IllegalArgumentException("a row of " + (others.size() + 1) + " cells in a table of " + columns);
        }
        s.append("| ").append(first).append(" |");
        others.forEach(cell -> s.append(" ").append(cell).append(" |"));
        s.append("\n");
        return this;
    }

    @Override
    public String toString() {
        return s.toString();
    }
}
