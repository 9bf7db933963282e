package dev.tandem.translate;

import dev.tandem.sql.ParameterizedSql;
import dev.tandem.sql.StatementScan;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replacements of AST nodes by SQL text, applied when the statement is rendered. A node that JSqlParser cannot
 * replace in place (a column reference, which may sit anywhere in the tree) is given a unique marker as its name;
 * rendering swaps each marker for its text. Markers carry a per-process random part, so no application text can
 * forge one.
 */
final class Rewrites {
    /** How every marker starts: no column of an application's SQL is expected to. */
    static final String PREFIX_START = "tandemx";
    private static final String PREFIX = PREFIX_START + HexFormat.of().formatHex(new SecureRandom().generateSeed(5)) + "r";
    private static final Pattern MARKER = Pattern.compile(Pattern.quote(PREFIX) + "(\\d+)");

    private final List<String> texts = new ArrayList<>();

    /** A marker that renders as {@code text} (which must hold no parameter). */
    String marker(String text) {
        texts.add(text);
        return PREFIX + (texts.size() - 1);
    }

    /** Renders a node of a scanned statement with every marker replaced. */
    ParameterizedSql render(Object node) {
        ParameterizedSql rendered = StatementScan.render(node);
        Matcher m = MARKER.matcher(rendered.sql());
        StringBuilder sql = new StringBuilder(rendered.sql().length() + 64);
        while (m.find()) {
            m.appendReplacement(sql, Matcher.quoteReplacement(texts.get(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(sql);
        return new ParameterizedSql(sql.toString(), rendered.parameters());
    }
}
