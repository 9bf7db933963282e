package dev.tandem.state;

import dev.tandem.rules.Migration;
import dev.tandem.rules.Phase;
import dev.tandem.rules.RuleSet;
import dev.tandem.sql.Dialect;
import dev.tandem.stats.TableActivity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The operator's view of the fleet-wide state, as a Java API: what {@code tandem init}, {@code tandem phase} and
 * {@code tandem status} do, usable from code (a deployment pipeline, a test).
 *
 * <pre>{@code
 * try (Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", user, password)) {
 *     Fleet fleet = Fleet.on(c, RulesLoader.load("/etc/app/tandem", null));
 *     fleet.init();
 *     Fleet.Flip flip = fleet.flip(new Fleet.Change("person-to-people", Phase.READ_BOTH, 10, false, "ci", "soak"));
 *     Fleet.Convergence done = fleet.awaitConvergence("person-to-people", Phase.READ_BOTH, 10,
 *             Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p>Works on one connection (in auto-commit mode) to the application's database, with the rules files when there
 * are any (a migration with no row in {@code tandem_state} is at its rules file's phase). Instances are <em>live</em>
 * when their last heartbeat is at most {@link #staleAfter()} old by the database's clock.
 */
public final class Fleet {
    /** How old a heartbeat may be for its instance to count as live, unless set otherwise. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(10);

    private final Connection connection;
    private final StateStore store;
    private final RuleSet rules;
    private Duration staleAfter = DEFAULT_STALE_AFTER;
    private ContractCheck contractCheck = ContractCheck.NONE;

    /**
     * @param rules the migrations from the rules files; {@link RuleSet#empty()} when there are none
     * @throws IllegalArgumentException when the database has no control tables (not H2, PostgreSQL, MariaDB, MySQL)
     */
    public Fleet(Connection connection, Dialect dialect, RuleSet rules) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.store = new StateStore(dialect);
        this.rules = rules == null ? RuleSet.empty() : rules;
    }

    /** A fleet on the connection's database, recognised from its metadata. */
    public static Fleet on(Connection connection, RuleSet rules) throws SQLException {
        return new Fleet(connection, Dialect.fromProductName(connection.getMetaData().getDatabaseProductName()),
                rules);
    }

    /** Sets how old a heartbeat may be for its instance to count as live (default 10 s). */
    public Fleet staleAfter(Duration staleAfter) {
        if (staleAfter == null || staleAfter.isNegative() || staleAfter.isZero()) {
            throw new IllegalArgumentException("staleAfter must be positive");
        }
        this.staleAfter = staleAfter;
        return this;
    }

    public Duration staleAfter() {
        return staleAfter;
    }

    /**
     * Sets what decides whether a migration may move to {@code contracted} (the contract gate; see
     * {@code dev.tandem.contract.ContractGate}). Without one, only a forced change moves to {@code contracted}.
     */
    public Fleet contractCheck(ContractCheck check) {
        this.contractCheck = Objects.requireNonNull(check, "check");
        return this;
    }

    /** The connection this fleet works on. */
    public Connection connection() {
        return connection;
    }

    /** Who is asking, when nobody says: {@code user.name@host}. */
    public static String defaultActor() {
        return System.getProperty("user.name", "unknown") + "@" + StateChannel.Host.NAME;
    }

    public StateStore store() {
        return store;
    }

    public RuleSet rules() {
        return rules;
    }

    public Dialect dialect() {
        return store.dialect();
    }

    // ------------------------------------------------------------------------------------------------ init

    /** Creates the control tables that are missing; see {@link StateStore#init}. */
    public Map<String, Boolean> init() throws SQLException {
        return store.init(connection);
    }

    /** Each control table mapped to whether it exists. */
    public Map<String, Boolean> tables() throws SQLException {
        return store.tables(connection);
    }

    // ------------------------------------------------------------------------------------------------ standing

    /**
     * Where a migration stands: its {@code tandem_state} row, or its rules file's phase (version 0) when it has none.
     *
     * @param phase     null when the row holds a phase this version does not know ({@code phaseText} has it)
     * @param row       the row, or null when the phase comes from the rules file
     * @param migration the rules file's migration, or null when only the database knows it
     */
    public record Standing(String id, Phase phase, String phaseText, int percent, long version, StoredState row,
                           Migration migration) {
        /** Whether the state comes from {@code tandem_state} (else from the rules file). */
        public boolean fromDatabase() {
            return row != null;
        }

        @Override
        public String toString() {
            return phaseText + " " + percent + "%";
        }
    }

    /**
     * Where a migration stands.
     *
     * @throws IllegalArgumentException when neither the rules nor {@code tandem_state} know it
     */
    public Standing standing(String migration) throws SQLException {
        Optional<StoredState> row = store.exists(connection, ControlSchema.STATE)
                ? store.readState(connection, migration) : Optional.empty();
        Migration rule = rules.migration(migration).orElse(null);
        if (row.isEmpty() && rule == null) {
            throw new IllegalArgumentException("unknown migration '" + migration + "': "
                    + (rules.isEmpty() ? "no rules were given (--rules) and " : "it is in no rules file and ")
                    + ControlSchema.STATE + " has no row for it" + known());
        }
        return standing(migration, row.orElse(null), rule);
    }

    private static Standing standing(String id, StoredState row, Migration rule) {
        if (row != null) {
            return new Standing(id, row.phase(), row.phaseText(), row.percent(), row.version(), row, rule);
        }
        return new Standing(id, rule.phase(), rule.phase().id(), rule.percent(), 0, null, rule);
    }

    private String known() throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        for (Migration m : rules.migrations()) {
            ids.add(m.id());
        }
        if (store.exists(connection, ControlSchema.STATE)) {
            store.readStates(connection).ifPresent(rows -> ids.addAll(rows.keySet()));
        }
        return ids.isEmpty() ? "" : " (known: " + String.join(", ", ids) + ")";
    }

    // ------------------------------------------------------------------------------------------------ flips

    /**
     * A requested phase change.
     *
     * @param percent null: 100, or unchanged when the phase stays the same; only read-both and read-new take one
     * @param force   move even when a gate refuses (never out of {@code contracted})
     * @param actor   who asks (recorded in {@code tandem_history})
     * @param reason  why (recorded); may be null
     */
    public record Change(String migration, Phase target, Integer percent, boolean force, String actor,
                         String reason) {
        public Change {
            Objects.requireNonNull(migration, "migration");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(actor, "actor");
        }
    }

    /**
     * A phase change made (or found already in place).
     *
     * @param before     where the migration stood
     * @param after      its row now
     * @param changed    false when it already stood there (nothing was written)
     * @param outcome    {@code ok}, or {@code forced} when a gate was overridden
     * @param forcedPast the gates' reasons that {@code force} overrode
     */
    public record Flip(Standing before, StoredState after, boolean changed, String outcome, List<String> forcedPast) {
    }

    /** The percent a change asks for, after defaults; throws for a percent given to a phase that takes none. */
    public static int percentFor(Change change, Standing before) {
        if (change.percent() != null) {
            int p = change.percent();
            if (p < 0 || p > 100) {
                throw new IllegalArgumentException("percent must be from 0 to 100, not " + p);
            }
            if (change.target() != Phase.READ_BOTH && change.target() != Phase.READ_NEW) {
                throw new IllegalArgumentException("a percent applies only to read-both (the share of reads shadowed)"
                        + " and read-new (the share served from the new structure), not to " + change.target());
            }
            return p;
        }
        if ((change.target() == Phase.READ_BOTH || change.target() == Phase.READ_NEW)
                && change.target() == before.phase()) {
            return before.percent();
        }
        return 100;
    }

    /**
     * Why the gates refuse to move a migration from where it stands to {@code target} at {@code percent}; empty when
     * they allow it. Moving back is never refused, except out of {@code contracted} (then the result is not
     * {@linkplain PhaseRefusedException#forceable() forceable}).
     */
    public Optional<PhaseRefusedException> gates(Standing current, Phase target, int percent) throws SQLException {
        String m = current.id();
        if (current.phase() == Phase.CONTRACTED && target != Phase.CONTRACTED) {
            return Optional.of(new PhaseRefusedException(List.of("migration '" + m + "' is contracted: there is no way"
                    + " back (" + (current.migration() == null ? "the old structure" : current.migration().from().sql())
                    + " may be gone)"), false));
        }
        List<String> reasons = new ArrayList<>();
        if (current.phase() == null) {
            reasons.add(ControlSchema.STATE + " holds phase '" + current.phaseText() + "' for '" + m
                    + "', which this version of Tandem does not know");
            return Optional.of(new PhaseRefusedException(reasons, true));
        }
        int from = current.phase().ordinal();
        int to = target.ordinal();
        if (to <= from) {
            return Optional.empty(); // a rollback, or the same phase at another percent
        }
        if (to > from + 1) {
            List<String> skipped = new ArrayList<>();
            for (Phase p : Phase.values()) {
                if (p.ordinal() > from && p.ordinal() < to) {
                    skipped.add(p.id());
                }
            }
            reasons.add("moving from " + current.phase() + " to " + target + " skips " + String.join(", ", skipped)
                    + ": move one phase at a time");
        }
        if (target == Phase.READ_NEW) {
            verifyGate(m).ifPresent(reasons::add);
        }
        if (target == Phase.WRITE_NEW) {
            if (current.phase() != Phase.READ_NEW || current.percent() != 100) {
                reasons.add("write-new needs read-new at 100% first, and '" + m + "' is at " + current.phaseText()
                        + " " + current.percent() + "%");
            }
            Convergence fleet = convergence(m, Phase.READ_NEW, 100);
            if (!fleet.lagging().isEmpty()) {
                reasons.add(fleet.lagging().size() + " live instance(s) do not report read-new 100% for '" + m + "': "
                        + describe(fleet.lagging(), m));
            }
        }
        if (target == Phase.CONTRACTED) {
            reasons.addAll(contractCheck.refusals(current));
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(new PhaseRefusedException(reasons, true));
    }

    private Optional<String> verifyGate(String m) throws SQLException {
        Optional<HistoryEntry> verify = store.latestVerify(connection, m);
        Optional<HistoryEntry> entered = store.lastEntered(connection, m, Phase.WRITE_BOTH);
        String since = entered.map(e -> " since '" + m + "' last entered write-both (" + e.occurredAt() + ")")
                .orElse("");
        if (verify.isEmpty()) {
            return Optional.of("read-new needs a clean verify recorded" + since + ", and none is: run 'tandem verify "
                    + m + "' (the 'verify' command compares the new structure with up(old))");
        }
        HistoryEntry v = verify.get();
        if (!HistoryEntry.CLEAN.equals(v.outcome())) {
            return Optional.of("read-new needs a clean verify, and the last verify of '" + m + "' (" + v.occurredAt()
                    + ") found " + (v.outcome() == null ? "no outcome" : v.outcome()));
        }
        if (entered.isPresent() && v.id() < entered.get().id()) {
            return Optional.of("read-new needs a clean verify recorded" + since + ", and the last clean one ("
                    + v.occurredAt() + ") is older");
        }
        return Optional.empty();
    }

    /**
     * Changes a migration's phase, if the gates allow it (or {@code force} overrides them): compare-and-set on the
     * version read, with the history row in the same transaction. Does not wait for the fleet; see
     * {@link #awaitConvergence}.
     *
     * @throws PhaseRefusedException      when a gate refuses and the change is not forced (or cannot be)
     * @throws ConcurrentChangeException  when the state changed meanwhile (nothing was written)
     * @throws IllegalArgumentException   for an unknown migration or a percent a phase does not take
     * @throws IllegalStateException      when {@code tandem_state} does not exist
     */
    public Flip flip(Change change) throws PhaseRefusedException, ConcurrentChangeException, SQLException {
        if (!store.exists(connection, ControlSchema.STATE) || !store.exists(connection, ControlSchema.HISTORY)) {
            throw new IllegalStateException("the control tables do not exist: run 'tandem init' first");
        }
        Standing before = standing(change.migration());
        int percent = percentFor(change, before);
        if (before.phase() == change.target() && before.percent() == percent && before.fromDatabase()) {
            return new Flip(before, before.row(), false, HistoryEntry.OK, List.of());
        }
        Optional<PhaseRefusedException> refused = gates(before, change.target(), percent);
        List<String> forcedPast = List.of();
        if (refused.isPresent()) {
            if (!change.force() || !refused.get().forceable()) {
                throw refused.get();
            }
            forcedPast = refused.get().reasons();
        }
        String outcome = forcedPast.isEmpty() ? HistoryEntry.OK : HistoryEntry.FORCED;
        Optional<StoredState> after = store.setPhase(connection, change.migration(), before.version(),
                before.phase(), change.target(), percent, change.actor(), change.reason(), outcome);
        if (after.isEmpty()) {
            throw new ConcurrentChangeException("the state of '" + change.migration() + "' changed while this change"
                    + " was being decided (it was at " + before + ", version " + before.version() + "); nothing was"
                    + " written: look again and run the command again");
        }
        if (change.target() == Phase.WRITE_NEW && before.phase() != Phase.WRITE_NEW) {
            recordActivityBaseline(before, change.actor());
        }
        return new Flip(before, after.get(), true, outcome, forcedPast);
    }

    /**
     * On entering write-new: notes the database's activity counters of {@code from} in {@code tandem_history}
     * ({@value HistoryEntry#BASELINE}), so that the contract gate can tell whether anything besides Tandem used the
     * old table during the soak. A failure to read them is recorded too: the gate then says it cannot tell.
     */
    private void recordActivityBaseline(Standing before, String actor) throws SQLException {
        Migration m = before.migration();
        if (m == null || m.columnLevel() || !store.exists(connection, ControlSchema.HISTORY)) {
            return; // a column-level migration keeps its table: table counters cannot single out the old columns
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("table", m.from().sql());
        String outcome;
        try {
            Optional<TableActivity> now = TableActivity.read(connection, dialect(), m.from());
            if (now.isPresent()) {
                details.put("reads", now.get().reads());
                details.put("writes", now.get().writes());
                outcome = HistoryEntry.OK;
            } else {
                outcome = HistoryEntry.UNMEASURED;
            }
        } catch (SQLException e) {
            details.put("error", e.getMessage());
            outcome = HistoryEntry.UNMEASURED;
        }
        store.recordEvent(connection, m.id(), HistoryEntry.BASELINE, null, Phase.WRITE_NEW.id(), null, outcome,
                actor, "activity counters of " + m.from().sql() + " on entering write-new", Json.write(details));
    }

    // ------------------------------------------------------------------------------------------------ convergence

    /**
     * Which live instances report a migration at a phase and percent.
     *
     * @param converged live instances that report it
     * @param lagging   live instances that know the migration and report something else
     * @param unaware   live instances whose rules do not have the migration (they do not block)
     * @param stale     instances whose heartbeat is older than {@link #staleAfter()} (ignored)
     */
    public record Convergence(String migration, Phase phase, int percent, Instant now,
                              List<InstanceReport> converged, List<InstanceReport> lagging,
                              List<InstanceReport> unaware, int stale) {
        /** Whether every live instance that knows the migration reports it. */
        public boolean done() {
            return lagging.isEmpty();
        }
    }

    /** Reads {@code tandem_instances} once: see {@link Convergence}. */
    public Convergence convergence(String migration, Phase phase, int percent) throws SQLException {
        return convergence(migration, phase, percent, store.now(connection), instances());
    }

    private Convergence convergence(String migration, Phase phase, int percent, Instant now,
                                    List<InstanceReport> all) {
        Sorted sorted = sort(migration, now, all,
                r -> phase != null && r.phase().equals(phase.id()) && r.percent() == percent);
        return new Convergence(migration, phase, percent, now, sorted.done(), sorted.lagging(), sorted.unaware(),
                sorted.stale());
    }

    /** The instances of one look at {@code tandem_instances}, sorted by what their report of a migration says. */
    private record Sorted(List<InstanceReport> done, List<InstanceReport> lagging, List<InstanceReport> unaware,
                          int stale) {
    }

    /**
     * Sorts instances: stale ones (counted), live ones whose rules lack the migration (unaware), and live ones whose
     * report of it is {@code done} or not (lagging).
     */
    private Sorted sort(String migration, Instant now, List<InstanceReport> all,
                        java.util.function.Predicate<InstanceReport.Reported> done) {
        List<InstanceReport> yes = new ArrayList<>();
        List<InstanceReport> lagging = new ArrayList<>();
        List<InstanceReport> unaware = new ArrayList<>();
        int stale = 0;
        for (InstanceReport i : all) {
            if (!live(i, now)) {
                stale++;
            } else if (!i.knows(migration)) {
                unaware.add(i);
            } else if (done.test(i.phases().get(migration))) {
                yes.add(i);
            } else {
                lagging.add(i);
            }
        }
        return new Sorted(List.copyOf(yes), List.copyOf(lagging), List.copyOf(unaware), stale);
    }

    /** Every row of {@code tandem_instances} (none when the table does not exist). */
    private List<InstanceReport> instances() throws SQLException {
        return store.exists(connection, ControlSchema.INSTANCES) ? store.instances(connection) : List.of();
    }

    /** A look at the fleet that may have to be taken again. */
    private interface Look<T> {
        T take() throws SQLException;
    }

    /** Takes a look every 200 ms until {@code done} or {@code timeout}; the last look either way. */
    private static <T> T await(Look<T> look, java.util.function.Predicate<T> done, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        while (true) {
            T t = look.take();
            if (done.test(t) || System.nanoTime() - deadline >= 0) {
                return t;
            }
            Thread.sleep(Math.min(200, Math.max(1, (deadline - System.nanoTime()) / 1_000_000)));
        }
    }

    /** Whether an instance's heartbeat is at most {@link #staleAfter()} old at {@code now} (the database's clock). */
    public boolean live(InstanceReport instance, Instant now) {
        return instance.heartbeatAt() != null && !instance.heartbeatAt().isBefore(now.minus(staleAfter));
    }

    /**
     * Waits until every live instance that knows the migration reports the phase and percent, or {@code timeout}
     * passes; returns the last look either way (see {@link Convergence#done()}). An instance that stops sending
     * heartbeats stops counting once its heartbeat is stale.
     */
    public Convergence awaitConvergence(String migration, Phase phase, int percent, Duration timeout)
            throws SQLException, InterruptedException {
        return await(() -> convergence(migration, phase, percent), Convergence::done, timeout);
    }

    // ------------------------------------------------------------------------------------------------ key handover

    /**
     * Whether moving a migration from where it stands to {@code target} needs a key handover
     * ({@code dev.tandem.execution.KeyHandover}): the move changes which table generates the keys ({@code from} before
     * write-new, {@code to} from write-new on), the migration moves a table, the database is MariaDB or MySQL (there
     * each table has its own {@code AUTO_INCREMENT} counter; PostgreSQL's two tables share one sequence), and
     * {@code from}'s key is {@code AUTO_INCREMENT}.
     */
    public boolean needsKeyHandover(Standing current, Phase target) throws SQLException {
        Migration m = current.migration();
        if (m == null || m.columnLevel() || current.phase() == null
                || (dialect() != Dialect.MARIADB && dialect() != Dialect.MYSQL)) {
            return false;
        }
        boolean newKeysBefore = current.phase().compareTo(Phase.WRITE_NEW) >= 0;
        boolean newKeysAfter = target.compareTo(Phase.WRITE_NEW) >= 0;
        if (newKeysBefore == newKeysAfter || target == Phase.CONTRACTED) {
            return false;
        }
        try (java.sql.PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM"
                + " information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?"
                + " AND EXTRA LIKE '%auto_increment%'")) {
            ps.setString(1, m.from().schema());
            ps.setString(2, m.from().name());
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /**
     * Starts a key handover for a migration (nothing to do when one is under way): sets the flag in
     * {@code tandem_state} (a new version, recorded in {@code tandem_history}), then waits until every live instance
     * reports that version, i.e. takes the key lock for its inserts. Returns the last look; when it is not done the
     * handover has been ended again (nothing else changed).
     */
    public Convergence beginKeyHandover(String migration, String actor, String reason, Duration timeout)
            throws SQLException, InterruptedException, ConcurrentChangeException {
        Standing s = standing(migration);
        if (s.row() == null) {
            throw new IllegalStateException("'" + migration + "' has no row in " + ControlSchema.STATE
                    + " yet (its phase comes from its rules file): a key handover starts from a phase set in the"
                    + " database: run 'tandem phase " + migration + " " + s.phaseText() + "' first, then this flip");
        }
        long version = s.version();
        if (s.row().handover() == null) {
            StoredState after = store.setHandover(connection, migration, s.version(), KEYS, actor, reason)
                    .orElseThrow(() -> new ConcurrentChangeException("the state of '" + migration + "' changed"
                            + " while the key handover was being started; nothing was written: run the command"
                            + " again"));
            version = after.version();
        }
        Convergence seen = awaitHandover(migration, version, timeout);
        if (!seen.done()) {
            endKeyHandover(migration, actor, "the instances did not all take the key handover up in time");
        }
        return seen;
    }

    /**
     * Ends a migration's key handover, if one is under way (a new version, recorded). Call it once no instance runs
     * a transaction of a version older than the flip's any more ({@link #awaitDrain}).
     *
     * @return whether there was one to end
     */
    public boolean endKeyHandover(String migration, String actor, String reason)
            throws SQLException, ConcurrentChangeException {
        Standing s = standing(migration);
        if (s.row() == null || s.row().handover() == null) {
            return false;
        }
        if (store.setHandover(connection, migration, s.version(), null, actor, reason).isEmpty()) {
            throw new ConcurrentChangeException("the state of '" + migration + "' changed while the key handover was"
                    + " being ended; nothing was written: run the command again");
        }
        return true;
    }

    /** The flag {@link #beginKeyHandover} sets in {@code tandem_state}. */
    public static final String KEYS = "keys";

    /**
     * Waits until every live instance that knows the migration reports at least {@code version} of it (whatever its
     * phase) with a key handover applied, or {@code timeout} passes; the last look either way
     * ({@link Convergence#phase()} is null).
     */
    public Convergence awaitHandover(String migration, long version, Duration timeout)
            throws SQLException, InterruptedException {
        return await(() -> {
            Instant now = store.now(connection);
            Sorted sorted = sort(migration, now, instances(), r -> r.version() >= version && r.keyHandover());
            return new Convergence(migration, null, -1, now, sorted.done(), sorted.lagging(), sorted.unaware(),
                    sorted.stale());
        }, Convergence::done, timeout);
    }

    // ------------------------------------------------------------------------------------------------ drain

    /**
     * Which live instances still run something with a version of a migration's state older than {@code version}:
     * the drain after a flip, for what must wait until no transaction works by the old phase any more.
     *
     * @param version the version of {@code tandem_state}'s row the flip wrote ({@link StoredState#version()} of
     *                {@link Flip#after()})
     * @param drained live instances that apply {@code version} (or later) and run nothing with an older one
     * @param lagging live instances that know the migration and still apply an older version, or still run a
     *                transaction pinned to one (or an autocommit statement begun with one): see
     *                {@link InstanceReport.Reported#oldestInUse()}
     * @param unaware live instances whose rules do not have the migration (they do not block)
     * @param stale   instances whose heartbeat is older than {@link #staleAfter()} (ignored)
     */
    public record Drain(String migration, long version, Instant now, List<InstanceReport> drained,
                        List<InstanceReport> lagging, List<InstanceReport> unaware, int stale) {
        /** Whether no live instance that knows the migration runs anything with a version older than {@code version}. */
        public boolean done() {
            return lagging.isEmpty();
        }
    }

    /** Reads {@code tandem_instances} once: see {@link Drain}. */
    public Drain drain(String migration, long version) throws SQLException {
        Instant now = store.now(connection);
        Sorted sorted = sort(migration, now, instances(), r -> r.drained(version));
        return new Drain(migration, version, now, sorted.done(), sorted.lagging(), sorted.unaware(), sorted.stale());
    }

    /**
     * Waits until no live instance that knows the migration applies a version older than {@code version} or runs a
     * transaction (or autocommit statement) begun with one, or {@code timeout} passes; returns the last look either
     * way (see {@link Drain#done()}). Instances report at each heartbeat ({@code tandem.poll}), so the drain is seen
     * up to one poll interval after the last such transaction ends; an instance that stops sending heartbeats stops
     * counting once its heartbeat is stale.
     */
    public Drain awaitDrain(String migration, long version, Duration timeout)
            throws SQLException, InterruptedException {
        return await(() -> drain(migration, version), Drain::done, timeout);
    }

    /** "id on host (pid N) reports X; ..." for messages. */
    public static String describe(List<InstanceReport> instances, String migration) {
        StringBuilder sb = new StringBuilder();
        for (InstanceReport i : instances) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            InstanceReport.Reported r = i.phases().get(migration);
            sb.append(i.describe()).append(r == null ? " does not know it" : " reports " + r);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------------ status

    /**
     * One migration's status: where it stands, how far the fleet is, its last verify (null: none), and the use of its
     * old structure by the live instances since the current version.
     */
    public record MigrationStatus(Standing standing, Convergence convergence, HistoryEntry lastVerify,
                                  FleetUsage usage) {
        public MigrationStatus(Standing standing, Convergence convergence, HistoryEntry lastVerify) {
            this(standing, convergence, lastVerify, FleetUsage.of(standing.id(), standing.version(), List.of()));
        }
    }

    /**
     * The fleet's status.
     *
     * @param tables         each control table mapped to whether it exists
     * @param live           the live instances
     * @param staleInstances how many instances have a stale heartbeat
     */
    public record Status(Instant now, Map<String, Boolean> tables, Duration staleAfter,
                         List<MigrationStatus> migrations, List<InstanceReport> live, int staleInstances) {
    }

    /**
     * Every migration's status (those of the rules files, then those only {@code tandem_state} has), or only
     * {@code migration}'s when it is not null.
     *
     * @throws IllegalArgumentException when {@code migration} is known neither to the rules nor to the database
     */
    public Status status(String migration) throws SQLException {
        Map<String, Boolean> tables = store.tables(connection);
        Map<String, StoredState> rows = tables.get(ControlSchema.STATE)
                ? store.readStates(connection).orElse(Map.of()) : Map.of();
        Instant now = store.now(connection);
        List<InstanceReport> all = tables.get(ControlSchema.INSTANCES) ? store.instances(connection) : List.of();
        boolean history = tables.get(ControlSchema.HISTORY);

        Map<String, Standing> standings = new LinkedHashMap<>();
        for (Migration m : rules.migrations()) {
            standings.put(m.id(), standing(m.id(), rows.get(m.id()), m));
        }
        rows.keySet().stream().sorted().forEach(id -> standings.computeIfAbsent(id,
                k -> standing(k, rows.get(k), null)));
        if (migration != null) {
            Standing only = standings.get(migration);
            if (only == null) {
                throw new IllegalArgumentException("unknown migration '" + migration + "': "
                        + (rules.isEmpty() ? "no rules were given (--rules) and " : "it is in no rules file and ")
                        + ControlSchema.STATE + " has no row for it"
                        + (standings.isEmpty() ? "" : " (known: " + String.join(", ", standings.keySet()) + ")"));
            }
            standings.clear();
            standings.put(migration, only);
        }
        List<InstanceReport> live = new ArrayList<>();
        int stale = 0;
        for (InstanceReport i : all) {
            if (live(i, now)) {
                live.add(i);
            } else {
                stale++;
            }
        }
        List<MigrationStatus> out = new ArrayList<>();
        for (Standing s : standings.values()) {
            Convergence c = convergence(s.id(), s.phase(), s.percent(), now, all);
            HistoryEntry verify = history ? store.latestVerify(connection, s.id()).orElse(null) : null;
            out.add(new MigrationStatus(s, c, verify, FleetUsage.of(s.id(), s.version(), live)));
        }
        return new Status(now, tables, staleAfter, out, live, stale);
    }
}
