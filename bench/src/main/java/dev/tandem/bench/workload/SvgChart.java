package dev.tandem.bench.workload;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The results as an SVG bar chart, written by hand (no plotting library): one panel per database, one bar per
 * configuration, its length the throughput ratio to the raw driver (1), with the 1.0 line drawn.
 */
final class SvgChart {
    private static final int WIDTH = 1280;
    private static final int LABEL = 330;
    private static final int BAR_AREA = 520;
    private static final int BAR = 16;
    private static final int GAP = 6;

    private SvgChart() {
    }

    static String render(Report report, String note) {
        double max = 1.2;
        int bars = 0;
        for (List<Summary> list : report.summaries().values()) {
            for (Summary s : list) {
                if (!Double.isNaN(s.toRaw())) {
                    max = Math.max(max, s.toRaw() * 1.05);
                }
                bars++;
            }
        }
        int panels = report.summaries().size();
        int noteLines = note == null ? 0 : wrap(note, 170).size();
        int height = 90 + 16 * Math.max(0, noteLines - 1) + panels * 50 + bars * (BAR + GAP) + 30;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(svg, 16, 24, "Throughput relative to the raw driver (1): higher is better", "font-size=\"16\" font-weight=\"bold\"");
        text(svg, 16, 44, report.machine(), "fill=\"#555\"");
        int y = 84;
        if (note != null) {
            int line = 0;
            for (String part : wrap(note, 170)) {
                text(svg, 16, 62 + 16 * line++, part, "fill=\"#b00\"");
            }
            y += 16 * Math.max(0, line - 1);
        }
        for (Map.Entry<Target.Kind, List<Summary>> e : report.summaries().entrySet()) {
            text(svg, 16, y + 14, e.getKey().displayName(), "font-size=\"14\" font-weight=\"bold\"");
            y += 26;
            int top = y;
            for (Summary s : e.getValue()) {
                double r = Double.isNaN(s.toRaw()) ? 0 : s.toRaw();
                int w = (int) Math.round(BAR_AREA * r / max);
                text(svg, LABEL - 8, y + BAR - 4, s.configuration().label(), "text-anchor=\"end\"");
                svg.append("<rect x=\"").append(LABEL).append("\" y=\"").append(y).append("\" width=\"").append(w)
                        .append("\" height=\"").append(BAR).append("\" fill=\"").append(colour(s.configuration()))
                        .append("\"/>\n");
                text(svg, LABEL + w + 6, y + BAR - 4, String.format(Locale.ROOT, "%.3f×  %s ops/s  p99 %s µs  CPU %s µs/op",
                        r, Report.number(s.throughput()), Report.micros(s.p99Micros()), Report.micros(s.cpuMicros())), "fill=\"#333\"");
                y += BAR + GAP;
            }
            int one = LABEL + (int) Math.round(BAR_AREA / max);
            svg.append("<line x1=\"").append(one).append("\" y1=\"").append(top - 4).append("\" x2=\"").append(one)
                    .append("\" y2=\"").append(y).append("\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>\n");
            text(svg, one, y + 12, "1.0", "text-anchor=\"middle\" fill=\"#000\"");
            y += 24;
        }
        text(svg, 16, height - 10, "grey: raw   blue: Tandem write phases   orange: by hand   green: trigger"
                + "   purple: Tandem read phases", "fill=\"#555\"");
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** Splits text at spaces into lines of at most {@code width} characters. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new java.util.ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String colour(Configuration c) {
        return switch (c) {
            case RAW -> "#9e9e9e";
            case UNRELATED, WRITE_BOTH_COLUMN, WRITE_BOTH_TABLE -> "#1f77b4";
            case HAND_COLUMN, HAND_TABLE -> "#ff7f0e";
            case TRIGGER_COLUMN, TRIGGER_TABLE -> "#2ca02c";
            case READ_BOTH_1, READ_BOTH_100, READ_NEW_100 -> "#9467bd";
        };
    }

    private static void text(StringBuilder svg, int x, int y, String text, String attributes) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" ").append(attributes).append('>')
                .append(escape(text)).append("</text>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
