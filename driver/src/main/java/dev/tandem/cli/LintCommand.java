package dev.tandem.cli;

import dev.tandem.engine.ConnectionTableShapes;
import dev.tandem.lint.LintReport;
import dev.tandem.lint.Linter;
import dev.tandem.lint.Outcome;
import dev.tandem.lint.SourceStatement;
import dev.tandem.lint.StatementLint;
import dev.tandem.lint.StatementStatistics;
import dev.tandem.lint.StatisticsUnavailableException;
import dev.tandem.rules.Phase;
import dev.tandem.sql.Dialect;
import dev.tandem.sql.SqlScript;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tandem lint MIGRATION (--sql FILE | --from-stats) [--phase PHASE]}: how each statement naming the
 * migration's {@code from} would fare in each phase (see {@link Linter}). Exit 1 when a write would pass through
 * unmirrored in a phase examined.
 */
final class LintCommand implements Command {
    static final String SQL = "--sql";
    static final String FROM_STATS = "--from-stats";
    static final String PHASE = "--phase";
    /** Longest statement text shown. */
    private static final int SHOWN = 240;

    private final Environment env;

    LintCommand(Environment env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "lint";
    }

    @Override
    public String summary() {
        return "tell how the application's statements fare in each phase: mirrored, translated, unmirrored, refused";
    }

    @Override
    public String usage() {
        return "usage: tandem lint MIGRATION (--sql FILE | --from-stats) --url URL --rules PATH [--phase PHASE]\n"
                + "                  [--user NAME]\n"
                + "  Classifies every statement naming the migration's old table, as the driver would route it in\n"
                + "  each phase from write-both to contracted (or only PHASE): as sent, mirrored, shadowed,\n"
                + "  translated, passes through unmirrored, served untranslated, or refused, with the reason.\n"
                + "  Statements naming other tables are only counted. Exit 1 when a write would pass through\n"
                + "  unmirrored in a phase examined.\n"
                + "  --sql FILE     the statements of a file: separated by ';', or one per line when it has none\n"
                + "  --from-stats   the statements the database has run, most called first: pg_stat_statements\n"
                + "                 on PostgreSQL, performance_schema's statement digests on MariaDB and MySQL\n"
                + "  --phase PHASE  examine one phase only (" + Phase.idList() + ")\n"
                + CommonOptions.USAGE;
    }

    @Override
    public int run(List<String> arguments, PrintStream out, PrintStream err) throws Exception {
        Arguments a = Arguments.parse(name(), arguments, CommonOptions.valueOptions(SQL, PHASE), Set.of(FROM_STATS));
        if (a.positionals().size() != 1) {
            throw new UsageException("expected one MIGRATION (usage: tandem lint MIGRATION (--sql FILE |"
                    + " --from-stats) --url URL --rules PATH)");
        }
        String migration = a.positionals().get(0);
        if (a.has(SQL) == a.flag(FROM_STATS)) {
            throw new UsageException("give either --sql FILE or --from-stats");
        }
        List<Phase> phases = Linter.DEFAULT_PHASES;
        if (a.has(PHASE)) {
            try {
                phases = List.of(Phase.parse(a.value(PHASE)));
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
        }
        String file = null;
        if (a.has(SQL)) {
            Path path = Path.of(a.value(SQL));
            try {
                file = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UsageException("cannot read " + path + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
            }
        }
        CommonOptions common = CommonOptions.from(a, env);
        if (!common.hasRules()) {
            throw new UsageException("--rules is required: lint needs the migration's rules");
        }
        var rules = common.rules();
        CommonOptions.migration(rules, migration);
        try (Connection c = common.connect(env)) {
            Dialect dialect = common.dialect(c);
            List<SourceStatement> statements = new ArrayList<>();
            if (file != null) {
                for (SqlScript.Piece p : SqlScript.split(file, dialect)) {
                    statements.add(SourceStatement.ofFile(p.sql(), p.line()));
                }
            } else {
                try {
                    statements = StatementStatistics.read(c, dialect);
                    String incomplete = StatementStatistics.incompleteness(c, dialect);
                    if (incomplete != null) {
                        err.println("warning: " + incomplete);
                    }
                } catch (StatisticsUnavailableException e) {
                    throw new UsageException(e.getMessage(), e);
                }
            }
            LintReport report;
            try {
                report = new Linter(rules, dialect, new ConnectionTableShapes().through(c))
                        .lint(migration, statements, phases);
            } catch (IllegalArgumentException e) {
                throw new UsageException(e.getMessage());
            }
            print(report, dialect, file != null ? a.value(SQL) : "the statement statistics", out);
            return report.unmirroredWrites() ? CHECK_FAILED : OK;
        }
    }

    private static void print(LintReport report, Dialect dialect, String source, PrintStream out) {
        String from = report.migration().from().sql();
        out.println("lint of '" + report.migration().id() + "' (" + from + " -> " + report.migration().to().sql()
                + ") on " + dialect.displayName() + ", " + source + ": " + report.statements().size()
                + " statement(s) name " + from + "; " + report.notAffected() + " not affected");
        for (StatementLint s : report.statements()) {
            out.println();
            out.println(s.source().origin() + " (" + s.kind() + "): " + shown(s.source().sql()));
            List<String[]> cells = new ArrayList<>();
            for (Phase p : report.phases()) {
                cells.add(new String[]{p.id(), s.verdicts().get(p).outcome().label()});
            }
            StringBuilder head = new StringBuilder("  ");
            StringBuilder row = new StringBuilder("  ");
            for (String[] c : cells) {
                int w = Math.max(c[0].length(), c[1].length()) + 2;
                head.append(pad(c[0], w));
                row.append(pad(c[1], w));
            }
            out.println(head.toString().stripTrailing());
            out.println(row.toString().stripTrailing());
            Map<String, List<String>> why = new LinkedHashMap<>();
            for (Phase p : report.phases()) {
                StatementLint.Verdict v = s.verdicts().get(p);
                if (v.reason() != null) {
                    why.computeIfAbsent(v.outcome().label() + ": " + v.reason(), k -> new ArrayList<>()).add(p.id());
                }
            }
            why.forEach((reason, in) -> out.println("  " + String.join(", ", in) + ": " + reason));
        }
        out.println();
        long unmirrored = report.statements().stream().filter(StatementLint::unmirroredWrite).count();
        long refused = count(report, Outcome.REFUSED);
        long untranslated = count(report, Outcome.UNTRANSLATED);
        long unknown = count(report, Outcome.CANNOT_TELL);
        out.println("summary: " + report.statements().size() + " statement(s) naming " + from + ": " + unmirrored
                + " write(s) pass through unmirrored, " + refused + " refused, " + untranslated
                + " served untranslated, " + unknown + " cannot be told (truncated), in some phase examined");
        if (unmirrored > 0) {
            out.println("FAILED: a write that passes through unmirrored leaves " + report.migration().to().sql()
                    + " behind (the backfill repairs it, until read-new refuses it): rewrite it, or run it where"
                    + " Tandem can mirror it");
        }
    }

    private static long count(LintReport report, Outcome outcome) {
        return report.statements().stream()
                .filter(s -> s.verdicts().values().stream().anyMatch(v -> v.outcome() == outcome)).count();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }

    private static String shown(String sql) {
        String one = sql.replaceAll("\\s+", " ").strip();
        return one.length() <= SHOWN ? one : one.substring(0, SHOWN) + "...";
    }
}
