package dev.tandem.sql;

import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One walk over a parsed statement that finds every table it names and every JDBC parameter ({@code ?}) in it. It
 * also marks the parameters so that any part of the statement can later be rendered back to SQL with the
 * application's parameter positions known ({@link #render(Object)}), whatever JSqlParser's printer reorders.
 */
public final class StatementScan {
    /** A per-process random marker: application SQL cannot forge it. */
    private static final String MARKER = "?tandem" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6)) + "p";
    private static final Pattern MARKED = Pattern.compile(Pattern.quote(MARKER) + "(\\d+)");

    private final List<Table> tables;
    private final List<JdbcParameter> parameters;
    private final List<Statement> statements;

    private StatementScan(List<Table> tables, List<JdbcParameter> parameters, List<Statement> statements) {
        this.tables = Collections.unmodifiableList(tables);
        this.parameters = Collections.unmodifiableList(parameters);
        this.statements = Collections.unmodifiableList(statements);
    }

    /**
     * Scans a freshly parsed statement and marks its parameters. The statement then belongs to the caller's
     * planning; render parts of it only through {@link #render(Object)}.
     *
     * @param parametersCreated how many parameters the parser numbered ({@link SqlParser.Result})
     * @throws IllegalStateException when the parameters found are not exactly 1..parametersCreated, each once:
     *                               their positions then cannot be trusted
     */
    public static StatementScan of(Statement statement, int parametersCreated) {
        List<Table> tables = new ArrayList<>();
        List<JdbcParameter> parameters = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        AstNodes.walk(statement, node -> {
            if (node instanceof Table t) {
                tables.add(t);
            } else if (node instanceof JdbcParameter p) {
                parameters.add(p);
            } else if (node instanceof Statement s) {
                statements.add(s);
            }
        });
        boolean[] positions = new boolean[parametersCreated + 1];
        for (JdbcParameter p : parameters) {
            Integer index = p.getIndex();
            if (p.isUseFixedIndex() || index == null || index < 1 || index > parametersCreated || positions[index]) {
                throw new IllegalStateException("parameter positions cannot be tracked");
            }
            positions[index] = true;
        }
        if (parameters.size() != parametersCreated) {
            throw new IllegalStateException("parameter positions cannot be tracked");
        }
        for (JdbcParameter p : parameters) {
            p.setUseFixedIndex(true);
            p.setParameterCharacter(MARKER);
        }
        return new StatementScan(tables, parameters, statements);
    }

    /** Every table reference in the statement (a CTE's name where it is used as a table included). */
    public List<Table> tables() {
        return tables;
    }

    /** The statement itself and every statement nested in it (subqueries, CTE bodies, data-modifying CTEs). */
    public List<Statement> statements() {
        return statements;
    }

    /** Every JDBC parameter in the statement. */
    public List<JdbcParameter> parameters() {
        return parameters;
    }

    /** How many parameters the statement has. */
    public int parameterCount() {
        return parameters.size();
    }

    /**
     * Renders a node of a scanned statement (a statement, a select, an expression...) to SQL with plain {@code ?}
     * placeholders, and says which application parameter each one takes.
     */
    public static ParameterizedSql render(Object node) {
        String marked = node.toString();
        Matcher m = MARKED.matcher(marked);
        StringBuilder sql = new StringBuilder(marked.length());
        List<Integer> positions = new ArrayList<>();
        while (m.find()) {
            positions.add(Integer.parseInt(m.group(1)));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        int[] mapped = new int[positions.size()];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = positions.get(i);
        }
        return new ParameterizedSql(sql.toString(), mapped);
    }
}
