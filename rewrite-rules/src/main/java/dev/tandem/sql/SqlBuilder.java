package dev.tandem.sql;

/**
 * Assembles a {@link ParameterizedSql} from Tandem's own SQL text and rendered parts of a scanned application
 * statement, keeping track of which application parameter each {@code ?} takes.
 */
public final class SqlBuilder {
    private final StringBuilder sql = new StringBuilder(128);
    private int[] parameters = new int[8];
    private int count;

    /** Appends Tandem's own SQL text (which must hold no {@code ?}). */
    public SqlBuilder text(String text) {
        sql.append(text);
        return this;
    }

    /** Appends a node of a scanned statement, rendered. */
    public SqlBuilder node(Object node) {
        return sql(StatementScan.render(node));
    }

    /** Appends already rendered SQL. */
    public SqlBuilder sql(ParameterizedSql part) {
        sql.append(part.sql());
        for (int i = 0; i < part.parameterCount(); i++) {
            if (count == parameters.length) {
                parameters = java.util.Arrays.copyOf(parameters, count * 2);
            }
            parameters[count++] = part.parameter(i);
        }
        return this;
    }

    public boolean isEmpty() {
        return sql.length() == 0;
    }

    public ParameterizedSql build() {
        return new ParameterizedSql(sql.toString(), java.util.Arrays.copyOf(parameters, count));
    }
}
