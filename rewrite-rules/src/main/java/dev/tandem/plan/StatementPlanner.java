package dev.tandem.plan;

import dev.tandem.schema.TableShapes;
import dev.tandem.rules.Migration;
import dev.tandem.rules.RuleSet;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.Identifier;
import dev.tandem.sql.MySqlLexicalHazards;
import dev.tandem.sql.PostgresLexicalHazards;
import dev.tandem.sql.SqlParser;
import dev.tandem.sql.StatementScan;
import dev.tandem.sql.TableNameFilter;
import dev.tandem.translate.ReadTranslator;
import dev.tandem.translate.TranslatedWrite;
import dev.tandem.translate.Untranslatable;
import dev.tandem.translate.WriteTranslator;
import dev.tandem.translate.InlineMirror;
import dev.tandem.sql.ParameterizedSql;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.execute.Execute;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.merge.Merge;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.truncate.Truncate;
import net.sf.jsqlparser.statement.update.Update;
import net.sf.jsqlparser.statement.upsert.Upsert;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns SQL text into a {@link StatementPlan}. SQL that names no migrated table is answered without parsing; the
 * rest is parsed once, analysed, and described by an immutable plan that the caller caches. Thread-safe.
 */
public final class StatementPlanner {
    private final RuleSet rules;
    private final Dialect dialect;
    private final SqlParser parser;
    /** Parses Tandem's own translated SQL: not counted with the application's statements. */
    private final SqlParser internal;
    private final TableNameFilter filter;

    public StatementPlanner(RuleSet rules, Dialect dialect, SqlParser parser) {
        this.rules = rules;
        this.dialect = dialect;
        this.parser = parser;
        this.internal = new SqlParser(Math.max(parser.timeoutMillis(), 10_000));
        this.filter = TableNameFilter.of(rules.tableNames());
    }

    /** Whether the text may name a migrated table: the cheap check that decides whether a plan is needed at all. */
    public boolean mayConcernMigrations(String sql) {
        return filter.mayName(sql);
    }

    public Dialect dialect() {
        return dialect;
    }

    public RuleSet rules() {
        return rules;
    }

    /** The plan for one SQL text, knowing no table shapes. */
    public StatementPlan plan(String sql) {
        return plan(sql, TableShapes.UNKNOWN);
    }

    /**
     * The plan for one SQL text. Parses only when {@link #mayConcernMigrations(String)}.
     *
     * @param shapes what may be looked up about tables when the text does not say enough
     */
    public StatementPlan plan(String sql, TableShapes shapes) {
        if (!filter.mayName(sql)) {
            return StatementPlan.unrelated();
        }
        String hazard = dialect == Dialect.MARIADB || dialect == Dialect.MYSQL ? MySqlLexicalHazards.find(sql)
                : dialect == Dialect.POSTGRESQL ? PostgresLexicalHazards.find(sql) : null;
        if (hazard != null) {
            List<Migration> named = namedInText(sql);
            return named.isEmpty() ? StatementPlan.unrelated() : StatementPlan.unsupported(named, mayWrite(sql),
                    dialect.displayName() + " reads this text differently from Tandem's parser: " + hazard);
        }
        SqlParser.Result parsed = parser.parse(sql, dialect);
        if (!parsed.ok()) {
            List<Migration> named = namedInText(sql);
            if (named.isEmpty()) {
                return StatementPlan.unrelated();
            }
            boolean several = parsed.failure().kind() == dev.tandem.sql.ParseFailure.Kind.SEVERAL_STATEMENTS;
            if (!several && SCHEMA_WORD.matcher(sql).lookingAt()) {
                // DDL reads and writes no rows, parsed or not (as a parsed one is planned OTHER)
                return StatementPlan.other(named, "schema statement (not parsed: " + parsed.failure().message() + ")");
            }
            return StatementPlan.unsupported(named, several || mayWrite(sql), parsed.failure().message());
        }
        Statement statement = parsed.statement();
        StatementScan scan;
        try {
            scan = StatementScan.of(statement, parsed.parametersCreated());
        } catch (RuntimeException e) {
            List<Migration> named = namedInText(sql);
            return named.isEmpty() ? StatementPlan.unrelated()
                    : StatementPlan.unsupported(named, mayWrite(sql), "Tandem cannot analyse this statement ("
                    + e.getMessage() + ")");
        }
        if (statement instanceof Execute) {
            List<Migration> named = namedInText(sql);
            return named.isEmpty() ? StatementPlan.unrelated() : StatementPlan.unsupported(named, true,
                    "a stored procedure call naming a migrated table: what it writes is invisible to Tandem");
        }
        List<Migration> named = named(scan.tables());
        if (named.isEmpty()) {
            return StatementPlan.unrelated();
        }
        for (Statement nested : scan.statements()) {
            if (nested != statement && isWrite(nested) && writesMigratedTable(nested)) {
                return StatementPlan.unsupported(named, true,
                        "a write to a migrated table nested in another statement (data-modifying WITH)");
            }
        }
        WriteAnalyzer writes = new WriteAnalyzer(rules, dialect, shapes);
        if (statement instanceof Select) {
            return withTranslation(StatementPlan.read(named), sql, statement, shapes);
        }
        if (statement instanceof Insert insert) {
            return withInlineMirror(withTranslation(writes.insert(insert, named), sql, statement, shapes), sql, shapes);
        }
        if (statement instanceof Update update) {
            return withInlineMirror(withTranslation(writes.update(update, named), sql, statement, shapes), sql, shapes);
        }
        if (statement instanceof Delete delete) {
            return withTranslation(writes.delete(delete, named), sql, statement, shapes);
        }
        if (statement instanceof Upsert upsert) {
            return writes.upsert(upsert, named);
        }
        if (statement instanceof Truncate) {
            return StatementPlan.unsupported(named, true,
                    "TRUNCATE is not mirrored: empty the new structure yourself, or backfill after");
        }
        if (statement instanceof Merge) {
            return StatementPlan.unsupported(named, true, "MERGE is not mirrored");
        }
        return StatementPlan.other(named, statement.getClass().getSimpleName().toUpperCase(Locale.ROOT)
                + " statement");
    }

    /**
     * Adds to a READ or WRITE plan how the statement runs on the new structure. Consumes the statement's tree (the
     * translation rewrites it in place), so it comes last.
     */
    private StatementPlan withTranslation(StatementPlan plan, String sql, Statement statement, TableShapes shapes) {
        try {
            if (plan.kind() == StatementPlan.Kind.READ) {
                return plan.translated(ReadTranslator.translate(statement, sql, plan.migrations(), shapes, dialect), null,
                        null);
            }
            if (plan.kind() == StatementPlan.Kind.WRITE) {
                if (plan.write().migrations().size() != 1) {
                    throw new Untranslatable("a write to a table with several migrations is not translated onto"
                            + " their new structures");
                }
                Migration m = plan.write().migrations().get(0);
                TranslatedWrite translated = WriteTranslator.translate(statement, m, shapes, dialect);
                return plan.translated(null, new NewStructureWrite(m, translated.sql(),
                        reversePlan(translated, shapes)), null);
            }
            return plan;
        } catch (Untranslatable e) {
            return plan.translated(null, null, e.reason());
        } catch (RuntimeException e) {
            return plan.translated(null, null, "Tandem could not translate this statement (" + e + ")");
        }
    }

    /**
     * Adds to a WRITE plan of a single column-level migration its inline form: the statement setting the new columns
     * itself ({@link InlineMirror}), planned on a fresh parse of the text.
     */
    private StatementPlan withInlineMirror(StatementPlan plan, String sql, TableShapes shapes) {
        if (plan.kind() != StatementPlan.Kind.WRITE || plan.write().migrations().size() != 1
                || !plan.write().migrations().get(0).columnLevel()) {
            return plan;
        }
        try {
            SqlParser.Result parsed = internal.parse(sql, dialect);
            if (!parsed.ok()) {
                return plan;
            }
            StatementScan.of(parsed.statement(), parsed.parametersCreated());
            ParameterizedSql inline = InlineMirror.of(parsed.statement(), plan.write().migrations().get(0), shapes,
                    dialect);
            return inline == null ? plan : plan.withInlineMirror(inline);
        } catch (RuntimeException e) {
            return plan; // no inline form: the write is synced
        }
    }

    /** Plans the translated write against the reversed migration: which keys of {@code to} it touches. */
    private WritePlan reversePlan(TranslatedWrite translated, TableShapes shapes) throws Untranslatable {
        SqlParser.Result parsed = internal.parse(translated.sql().sql(), dialect);
        if (!parsed.ok()) {
            throw new Untranslatable("the translated statement does not parse: " + parsed.failure().message());
        }
        StatementScan.of(parsed.statement(), parsed.parametersCreated());
        RuleSet reverse;
        try {
            reverse = RuleSet.of(List.of(translated.reverse()));
        } catch (dev.tandem.rules.RulesException e) {
            throw new Untranslatable("the migration cannot be reversed: " + e.getMessage());
        }
        WriteAnalyzer analyzer = new WriteAnalyzer(reverse, dialect, shapes);
        Statement s = parsed.statement();
        List<Migration> named = List.of(translated.reverse());
        StatementPlan plan = s instanceof Insert i ? analyzer.insert(i, named)
                : s instanceof Update u ? analyzer.update(u, named)
                : s instanceof Delete d ? analyzer.delete(d, named) : null;
        if (plan == null || plan.kind() != StatementPlan.Kind.WRITE) {
            throw new Untranslatable("the keys the translated statement touches cannot be learned"
                    + (plan == null ? "" : ": " + plan.reason()));
        }
        // The translated statement's parameters are the translated SQL's own: map them back to the application's.
        return plan.write().mapParameters(translated.sql());
    }

    private static boolean isWrite(Statement s) {
        return s instanceof Insert || s instanceof Update || s instanceof Delete || s instanceof Upsert
                || s instanceof Merge || s instanceof Truncate;
    }

    private boolean writesMigratedTable(Statement s) {
        Table target = null;
        if (s instanceof Insert i) {
            target = i.getTable();
        } else if (s instanceof Update u) {
            target = u.getTable();
        } else if (s instanceof Delete d) {
            target = d.getTable();
        } else if (s instanceof Upsert u) {
            target = u.getTable();
        } else if (s instanceof Merge m) {
            target = m.getTable();
        } else if (s instanceof Truncate t) {
            target = t.getTable();
        }
        return target == null || !rules.migrationsFrom(target.getSchemaName(), target.getName()).isEmpty();
    }

    private List<Migration> named(List<Table> tables) {
        List<Migration> named = new ArrayList<>(1);
        for (Migration m : rules.migrations()) {
            for (Table t : tables) {
                if (t.getName() != null && m.from().matches(t.getSchemaName(), t.getName())) {
                    named.add(m);
                    break;
                }
            }
        }
        return named;
    }

    /** For text that could not be parsed: the migrations whose {@code from} name occurs in it as a word. */
    private List<Migration> namedInText(String sql) {
        List<Migration> named = new ArrayList<>(1);
        for (Migration m : rules.migrations()) {
            if (TableNameFilter.of(List.of(Identifier.canonical(m.from().name()))).mayName(sql)) {
                named.add(m);
            }
        }
        return named;
    }

    /** Words that start a schema statement (DDL), which writes no rows. */
    private static final java.util.regex.Pattern SCHEMA_WORD = java.util.regex.Pattern.compile(
            "(?i)\\s*(create|alter|drop|comment|grant|revoke|rename)\\s");

    /** Words that start or make a write. */
    private static final java.util.regex.Pattern WRITE_WORD = java.util.regex.Pattern.compile(
            "(?i)\\b(insert|update|delete|replace|merge|upsert|truncate|call|exec|execute|copy|load|do)\\b");

    /**
     * For text that could not be parsed: whether it may write. Conservative: any write keyword anywhere means yes
     * (a read with {@code FOR UPDATE} is then counted as a possible write), and so does anything that does not start
     * as a plain query.
     */
    static boolean mayWrite(String sql) {
        if (WRITE_WORD.matcher(sql).find()) {
            return true;
        }
        String s = sql.stripLeading();
        while (s.startsWith("(")) {
            s = s.substring(1).stripLeading();
        }
        String first = s.length() >= 8 ? s.substring(0, 8).toLowerCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
        return !(first.startsWith("select") || first.startsWith("values") || first.startsWith("show")
                || first.startsWith("explain") || first.startsWith("describe") || first.startsWith("desc ")
                || first.startsWith("with"));
    }
}
