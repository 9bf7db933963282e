package dev.tandem.sql;

import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Parses one SQL statement with JSqlParser, in the calling thread, bounded by a timeout: one shared daemon timer
 * interrupts a parse that runs too long (JSqlParser checks the flag as it goes). No thread is started per statement,
 * no parse waits behind another, and text after a {@code ;} is never dropped: several statements are reported as
 * such. Thread-safe; one instance serves a whole data source.
 */
public final class SqlParser {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tandem-sql-parse-timer");
        t.setDaemon(true);
        return t;
    });

    /** Deeper nesting is refused outright: JSqlParser would overflow the stack or take exponential time on it. */
    static final int MAX_NESTING = 60;
    /** Deeper nesting is not retried with JSqlParser's slower "complex" mode: it would only time out. */
    private static final int COMPLEX_PARSE_MAX_NESTING = 10;

    private final long timeoutMillis;
    private final LongAdder parses = new LongAdder();

    public SqlParser(long timeoutMillis) {
        if (timeoutMillis <= 0) {
            throw new IllegalArgumentException("parse timeout must be positive: " + timeoutMillis);
        }
        this.timeoutMillis = timeoutMillis;
    }

    /** How many statements this parser has been asked to parse (each call counts once). */
    public long parseCount() {
        return parses.sum();
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    /** Parses {@code sql} as exactly one statement. */
    public Result parse(String sql, Dialect dialect) {
        parses.increment();
        if (sql == null || sql.isBlank()) {
            return Result.failed(new ParseFailure(ParseFailure.Kind.EMPTY, "empty statement"));
        }
        int nesting = CCJSqlParserUtil.getNestingDepth(sql);
        if (nesting > MAX_NESTING) {
            return Result.failed(new ParseFailure(ParseFailure.Kind.SYNTAX,
                    "nested more than " + MAX_NESTING + " levels deep"));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        Attempt simple = attempt(sql, dialect, false, timeoutMillis);
        if (simple.result != null || simple.timedOut) {
            return simple.timedOut ? Result.failed(timeout()) : simple.result;
        }
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
            return Result.failed(timeout());
        }
        if (nesting > COMPLEX_PARSE_MAX_NESTING) {
            return Result.failed(simple.failure);
        }
        Attempt complex = attempt(sql, dialect, true, left);
        if (complex.timedOut) {
            return Result.failed(timeout());
        }
        return complex.result != null ? complex.result : Result.failed(complex.failure);
    }

    private static Attempt attempt(String sql, Dialect dialect, boolean complex, long timeout) {
        CountingParser parser = new CountingParser(sql);
        parser.withBackslashEscapeCharacter(dialect.backslashEscapes())
                .withSquareBracketQuotation(false)
                .withAllowComplexParsing(complex);
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = TIMER.schedule(() -> {
            fired.set(true);
            parser.interrupted = true;
        }, timeout, TimeUnit.MILLISECONDS);
        try {
            Statements statements = parser.Statements();
            if (fired.get()) {
                return Attempt.ofTimeout();
            }
            if (statements == null || statements.isEmpty()) {
                return Attempt.failed(new ParseFailure(ParseFailure.Kind.EMPTY, "no statement"));
            }
            if (statements.size() > 1) {
                return Attempt.done(Result.failed(new ParseFailure(ParseFailure.Kind.SEVERAL_STATEMENTS,
                        statements.size() + " statements in one string")));
            }
            return Attempt.done(new Result(statements.get(0), parser.parametersCreated(), null));
        } catch (ParseException | RuntimeException e) {
            return fired.get() ? Attempt.ofTimeout() : Attempt.failed(syntax(e));
        } catch (StackOverflowError e) {
            return Attempt.failed(new ParseFailure(ParseFailure.Kind.SYNTAX, "nested too deeply to parse"));
        } finally {
            watchdog.cancel(false);
        }
    }

    private ParseFailure timeout() {
        return new ParseFailure(ParseFailure.Kind.TIMEOUT, "parse took longer than " + timeoutMillis + " ms");
    }

    /** Lexical errors say where in their message, followed by the text found there (which is not repeated). */
    private static final java.util.regex.Pattern LEXICAL_POSITION =
            java.util.regex.Pattern.compile("at line (\\d+), column (\\d+)");

    private static ParseFailure syntax(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ParseException pe && pe.currentToken != null) {
                Token at = pe.currentToken.next != null ? pe.currentToken.next : pe.currentToken;
                return new ParseFailure(ParseFailure.Kind.SYNTAX,
                        "not understood at line " + at.beginLine + ", column " + at.beginColumn);
            }
            if (t.getMessage() != null) {
                java.util.regex.Matcher m = LEXICAL_POSITION.matcher(t.getMessage());
                if (m.find()) {
                    return new ParseFailure(ParseFailure.Kind.SYNTAX,
                            "not understood at line " + m.group(1) + ", column " + m.group(2));
                }
            }
        }
        return new ParseFailure(ParseFailure.Kind.SYNTAX, "not understood");
    }

    /** One parse attempt: a result, a failure worth retrying in complex mode, or a timeout. */
    private record Attempt(Result result, ParseFailure failure, boolean timedOut) {
        static Attempt done(Result result) {
            return new Attempt(result, null, false);
        }

        static Attempt failed(ParseFailure failure) {
            return new Attempt(null, failure, false);
        }

        static Attempt ofTimeout() {
            return new Attempt(null, null, true);
        }
    }

    /**
     * A parsed statement, or why there is none: exactly one of {@code statement} and {@code failure} is non-null.
     * {@code parametersCreated} is how many JDBC parameters the parser numbered.
     */
    public record Result(Statement statement, int parametersCreated, ParseFailure failure) {
        static Result failed(ParseFailure failure) {
            return new Result(null, 0, failure);
        }

        public boolean ok() {
            return statement != null;
        }
    }
}
