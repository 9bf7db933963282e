package dev.tandem.sql;

import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.parser.ParseException;
import net.sf.jsqlparser.parser.Token;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Parses one SQL statement with JSqlParser, bounded by a timeout, on a small shared pool of daemon threads (never a
 * thread per statement). Text after a {@code ;} is never dropped: several statements are reported as such.
 * Thread-safe; one instance serves a whole data source.
 */
public final class SqlParser {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(
            Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors())), new DaemonThreads());

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

    /** How many statements this parser has been asked to parse (each attempt counts once). */
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
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try {
            return parseWith(sql, dialect, false, timeoutMillis);
        } catch (JSQLParserException simple) {
            if (isTimeout(simple)) {
                return Result.failed(timeout());
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return Result.failed(timeout());
            }
            if (CCJSqlParserUtil.getNestingDepth(sql) > COMPLEX_PARSE_MAX_NESTING) {
                return Result.failed(syntax(simple));
            }
            try {
                return parseWith(sql, dialect, true, left);
            } catch (JSQLParserException complex) {
                return Result.failed(isTimeout(complex) ? timeout() : syntax(complex));
            }
        }
    }

    private static Result parseWith(String sql, Dialect dialect, boolean complex, long timeout)
            throws JSQLParserException {
        CountingParser parser = new CountingParser(sql);
        parser.withTimeOut(timeout)
                .withBackslashEscapeCharacter(dialect.backslashEscapes())
                .withSquareBracketQuotation(false)
                .withAllowComplexParsing(complex);
        Statements statements = CCJSqlParserUtil.parseStatements(parser, POOL);
        if (statements == null || statements.isEmpty()) {
            return Result.failed(new ParseFailure(ParseFailure.Kind.EMPTY, "no statement"));
        }
        if (statements.size() > 1) {
            return Result.failed(new ParseFailure(ParseFailure.Kind.SEVERAL_STATEMENTS,
                    statements.size() + " statements in one string"));
        }
        return new Result(statements.get(0), parser.parametersCreated(), null);
    }

    private ParseFailure timeout() {
        return new ParseFailure(ParseFailure.Kind.TIMEOUT, "parse took longer than " + timeoutMillis + " ms");
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static ParseFailure syntax(JSQLParserException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ParseException pe && pe.currentToken != null) {
                Token at = pe.currentToken.next != null ? pe.currentToken.next : pe.currentToken;
                return new ParseFailure(ParseFailure.Kind.SYNTAX,
                        "not understood at line " + at.beginLine + ", column " + at.beginColumn);
            }
        }
        return new ParseFailure(ParseFailure.Kind.SYNTAX, "not understood");
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

    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "tandem-sql-parser-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
