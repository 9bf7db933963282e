package dev.tandem.rules;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** {@link RulesLoader#parse}: one rules file, valid and invalid. */
class RulesParseTest {
    static final String SOURCE = "rules/person-to-people.yaml";

    /** The example of PRODUCT.md section 2 (line numbers matter to the tests below). */
    static final String PERSON_TO_PEOPLE = String.join("\n",
            "migration: person-to-people        # id: used in flags, metrics, control tables", // 1
            "from: { table: person, key: [id] } # the old structure",                          // 2
            "to:   { table: people, key: [id] } # the new one",                                // 3
            "up:",                                                                              // 4
            "  id: id",                                                                         // 5
            "  full_name: \"first_name || ' ' || last_name\"",                                  // 6
            "down:",                                                                            // 7
            "  id: id",                                                                         // 8
            "  first_name: \"split_part(full_name, ' ', 1)\"",                                  // 9
            "  last_name: \"split_part(full_name, ' ', 2)\"",                                   // 10
            "phase: off",                                                                       // 11
            "");

    static final String USERS_RENAME = String.join("\n",
            "migration: users-name-to-full-name", // 1
            "from: { table: users, key: [id] }",  // 2
            "to: { table: users, key: [id] }",    // 3
            "up:",                                // 4
            "  full_name: name",                  // 5
            "down:",                              // 6
            "  name: full_name",                  // 7
            "phase: write-both",                  // 8
            "percent: 25",                        // 9
            "");

    // ---------------------------------------------------------------------------------------------------------------
    // helpers

    static RulesException fails(String yaml) {
        return assertThrows(RulesException.class, () -> RulesLoader.parse(SOURCE, yaml));
    }

    /** Asserts that one problem has the source, the line and every fragment; returns it. */
    static RulesException.Problem assertProblem(RulesException e, String source, int line, String... fragments) {
        for (RulesException.Problem p : e.problems()) {
            if (!p.source().equals(source) || p.line() != line) {
                continue;
            }
            boolean all = true;
            for (String f : fragments) {
                all &= p.message().contains(f);
            }
            if (all) {
                String expectedPrefix = line > 0 ? source + ":" + line + ": " : source + ": ";
                assertTrue(e.getMessage().contains(expectedPrefix + p.message()),
                        "exception message lists the problem: " + e.getMessage());
                return p;
            }
        }
        fail("no problem at " + source + ":" + line + " containing " + List.of(fragments) + " in:\n" + e.getMessage());
        return null;
    }

    static RulesException.Problem assertOnlyProblem(RulesException e, int line, String... fragments) {
        assertEquals(1, e.problems().size(), () -> "expected exactly one problem: " + e.getMessage());
        return assertProblem(e, SOURCE, line, fragments);
    }

    static String replaceLine(String yaml, int line, String replacement) {
        String[] lines = yaml.split("\n", -1);
        lines[line - 1] = replacement;
        return String.join("\n", lines);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // valid files

    @Test
    void tableLevelExampleFromTheProductDocument() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, PERSON_TO_PEOPLE);
        assertEquals("person-to-people", m.id());
        assertEquals(SOURCE, m.source());
        assertEquals("person", m.from().name());
        assertEquals(null, m.from().schema());
        assertEquals(List.of("id"), m.from().key());
        assertEquals("people", m.to().name());
        assertEquals(List.of("id"), m.to().key());
        assertFalse(m.columnLevel());
        assertEquals(List.of("id", "full_name"), List.copyOf(m.up().keySet()));
        assertEquals("id", m.up().get("id"));
        assertEquals("first_name || ' ' || last_name", m.up().get("full_name"));
        assertEquals(List.of("id", "first_name", "last_name"), List.copyOf(m.down().keySet()));
        assertEquals("split_part(full_name, ' ', 1)", m.down().get("first_name"));
        assertEquals(Phase.OFF, m.phase());
        assertEquals(100, m.percent());
        assertEquals(List.of("id"), m.toKeyByFromKey());
        assertEquals(Map.of("full_name", "first_name || ' ' || last_name"), m.derivedUp());
    }

    @Test
    void columnLevelRename() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, USERS_RENAME);
        assertTrue(m.columnLevel());
        assertEquals(Map.of("full_name", "name"), m.up());
        assertEquals(Map.of("name", "full_name"), m.down());
        assertEquals(List.of("id"), m.toKeyByFromKey());
        assertEquals(Phase.WRITE_BOTH, m.phase());
        assertEquals(25, m.percent());
        assertTrue(m.definesOldColumn("NAME"));
    }

    @Test
    void blockStyleSchemaQualifiedQuotedNamesAndScalarKey() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, String.join("\n",
                "migration: app.person_v2",
                "description: |",
                "  Moves person to \"People\".",
                "from:",
                "  table: app.person",
                "  key: id",
                "to:",
                "  table: 'app.\"People\"'",
                "  key:",
                "    - '\"Id\"'",
                "up:",
                "  '\"Id\"': id",
                "  '\"FullName\"': \"concat(first_name, ' ', last_name)\"",
                "  '`age`': 42",
                "  active: true",
                "down:",
                "  first_name: '\"FullName\"'",
                "phase: WRITE_BOTH",
                "percent: 0"));
        assertEquals("app", m.from().schema());
        assertEquals("person", m.from().name());
        assertEquals(List.of("id"), m.from().key());
        assertEquals("app", m.to().schema());
        assertEquals("\"People\"", m.to().name());
        assertEquals(List.of("\"Id\""), m.to().key());
        assertEquals(List.of("\"Id\""), m.toKeyByFromKey());
        assertEquals("42", m.up().get("`age`"));
        assertEquals("true", m.up().get("active").toLowerCase());
        assertEquals(Phase.WRITE_BOTH, m.phase());
        assertEquals(0, m.percent());
        assertFalse(m.down().containsKey("id"), "down entries for the key are implied, not added");
    }

    @Test
    void keyMayBeRenamedAndCompositeKeysMapOneToOne() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, String.join("\n",
                "migration: orders-split",
                "from: { table: orders, key: [tenant, num] }",
                "to: { table: orders2, key: [order_no, tenant_id] }",
                "up: { order_no: num, tenant_id: tenant, total: \"amount * 100\" }",
                "down: { tenant: tenant_id, amount: \"total / 100\" }"));
        assertEquals(List.of("tenant_id", "order_no"), m.toKeyByFromKey());
        assertEquals("amount * 100", m.up().get("total"));
    }

    @Test
    void storedExpressionIsTheParsersRenderingSoCommentsNeverReachGeneratedSql() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"first_name -- ; DROP TABLE person\""));
        assertEquals("first_name", m.up().get("full_name"));

        m = RulesLoader.parse(SOURCE, replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"a -- comment\""));
        assertEquals("a", m.up().get("full_name"));
        assertFalse(m.up().get("full_name").contains("comment"));

        m = RulesLoader.parse(SOURCE, replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"first_name /* hidden */ ||   last_name\""));
        assertEquals("first_name || last_name", m.up().get("full_name"));
    }

    @Test
    void readOnlySubqueriesAndFunctionsNamedLikeStatementsAreFine() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"(select max(n.nick) from nicknames n where n.person_id = id)\""));
        assertTrue(m.up().get("full_name").toUpperCase().startsWith("(SELECT MAX(N.NICK)"));
        // MySQL's INSERT(str, pos, len, newstr) function is not an INSERT statement
        m = RulesLoader.parse(SOURCE, replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"insert(first_name, 1, 0, 'Dr ')\""));
        assertTrue(m.up().get("full_name").toLowerCase().startsWith("insert("));
        // a question mark inside a string literal is no parameter
        m = RulesLoader.parse(SOURCE, replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"'who?'\""));
        assertEquals("'who?'", m.up().get("full_name"));
    }

    @Test
    void phaseAndPercentDefaults() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, replaceLine(PERSON_TO_PEOPLE, 11, ""));
        assertEquals(Phase.OFF, m.phase());
        assertEquals(100, m.percent());
    }

    @Test
    void byteOrderMarkAndDocumentMarkersAreFine() throws RulesException {
        assertNotNull(RulesLoader.parse(SOURCE, "\uFEFF---\n" + PERSON_TO_PEOPLE + "...\n"));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the file as a whole

    @Test
    void emptyFile() {
        assertOnlyProblem(fails(""), 0, "is empty");
        assertOnlyProblem(fails("# only a comment\n"), 0, "is empty");
    }

    @Test
    void moreThanOneDocument() {
        RulesException e = fails(PERSON_TO_PEOPLE + "---\n" + PERSON_TO_PEOPLE);
        assertOnlyProblem(e, 13, "more than one YAML document");
    }

    @Test
    void rootMustBeAMapping() {
        assertOnlyProblem(fails("- migration: x\n"), 1, "must be a YAML mapping");
        assertOnlyProblem(fails("just text\n"), 1, "must be a YAML mapping");
    }

    @Test
    void invalidYamlHasItsLine() {
        RulesException e = fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"unterminated"));
        assertEquals(1, e.problems().size(), e.getMessage());
        RulesException.Problem p = e.problems().get(0);
        assertTrue(p.message().contains("is not valid YAML"), p.message());
        assertTrue(p.line() >= 6, "line " + p.line());

        e = fails("migration: x\nfrom: [table\n  up: : :\n");
        assertTrue(e.problems().get(0).message().contains("is not valid YAML"), e.getMessage());
        assertTrue(e.problems().get(0).line() > 1, e.getMessage());
    }

    @Test
    void fileLargerThanOneMebibyte() {
        String big = PERSON_TO_PEOPLE + "description: \"" + "x".repeat(1 << 20) + "\"\n";
        assertOnlyProblem(fails(big), 0, "larger than 1 MiB");
    }

    @Test
    void unknownTopLevelKey() {
        RulesException e = fails(PERSON_TO_PEOPLE + "colour: red\n");
        assertOnlyProblem(e, 12, "unknown key 'colour' (expected one of: migration, from, to, up, down, phase, "
                + "percent, description)");
        // keys are case-sensitive
        assertProblem(fails(replaceLine(PERSON_TO_PEOPLE, 11, "Phase: off")), SOURCE, 11, "unknown key 'Phase'");
    }

    @Test
    void duplicateKeysReportTheSecondOne() {
        assertOnlyProblem(fails(PERSON_TO_PEOPLE + "phase: read-new\n"), 12, "duplicate key 'phase'", "line 11");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 10, "  first_name: \"x\"")), 10,
                "up", "duplicate key 'first_name'", "line 9");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person, key: [id], table: x }")), 2,
                "from: duplicate key 'table'");
        // the same column written differently is a duplicate too
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 10, "  FIRST_NAME: \"x\"")), 10,
                "down.FIRST_NAME names the same column as down.first_name (line 9)");
    }

    @Test
    void mergeKeysAreRefused() {
        RulesException e = fails(String.join("\n",
                "base: &base { table: person, key: [id] }",
                PERSON_TO_PEOPLE));
        assertProblem(e, SOURCE, 1, "unknown key 'base'");
        e = fails(replaceLine(PERSON_TO_PEOPLE, 3, "to: { <<: {table: people}, key: [id] }"));
        assertProblem(e, SOURCE, 3, "merge keys");
    }

    @Test
    void requiredKeysAreMissing() {
        RulesException e = fails("phase: off\n");
        assertEquals(5, e.problems().size(), e.getMessage());
        assertProblem(e, SOURCE, 1, "migration is missing");
        assertProblem(e, SOURCE, 1, "from is missing");
        assertProblem(e, SOURCE, 1, "to is missing");
        assertProblem(e, SOURCE, 1, "up is missing");
        assertProblem(e, SOURCE, 1, "down is missing");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // migration, description, phase, percent

    @Test
    void invalidMigrationIds() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 1, "migration: \"person to people\"")), 1,
                "migration 'person to people' is not a valid id");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 1, "migration: -leading-dash")), 1, "is not a valid id");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 1, "migration: " + "a".repeat(65))), 1, "is not a valid id");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 1, "migration:")), 1, "migration must be");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 1, "migration: [a, b]")), 1, "migration must be");
    }

    @Test
    void descriptionMustBeText() {
        assertOnlyProblem(fails(PERSON_TO_PEOPLE + "description: {a: b}\n"), 12, "description must be text");
    }

    @Test
    void invalidPhase() {
        RulesException e = fails(replaceLine(PERSON_TO_PEOPLE, 11, "phase: sideways"));
        assertOnlyProblem(e, 11, "phase", "sideways", "off, write-both, read-both, read-new, write-new, contracted");
    }

    @Test
    void invalidPercent() {
        assertOnlyProblem(fails(PERSON_TO_PEOPLE + "percent: 150\n"), 12, "percent must be a whole number from 0 to 100");
        assertOnlyProblem(fails(PERSON_TO_PEOPLE + "percent: -1\n"), 12, "percent");
        assertOnlyProblem(fails(PERSON_TO_PEOPLE + "percent: 12.5\n"), 12, "percent");
        assertOnlyProblem(fails(PERSON_TO_PEOPLE + "percent: lots\n"), 12, "percent");
        assertOnlyProblem(fails(PERSON_TO_PEOPLE + "percent: 99999999999999999999\n"), 12, "percent");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // from / to

    @Test
    void fromAndToMustBeMappings() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: person")), 2,
                "from must be a mapping with table and key");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 3, "to: [people]")), 3,
                "to must be a mapping with table and key");
    }

    @Test
    void unknownKeyInFrom() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person, key: [id], where: x }")), 2,
                "from: unknown key 'where' (expected one of: table, key)");
    }

    @Test
    void keyIsMissing() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person }")), 2,
                "from.key is missing: Tandem identifies rows by key (e.g. key: [id])");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 3, "to: { table: people }")), 3,
                "to.key is missing: Tandem identifies rows by key (e.g. key: [id])");
    }

    @Test
    void badKeys() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person, key: [] }")), 2,
                "from.key is empty");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person, key: {id: 1} }")), 2,
                "from.key must be a list of column names");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person, key: [id, ID] }")), 2,
                "from.key lists column ID twice");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person, key: [\"id; drop\"] }")), 2,
                "from.key", "is not a simple column name");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: person, key: [[id]] }")), 2,
                "from.key must list column names");
    }

    @Test
    void tableIsMissingOrNotATableName() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { key: [id] }")), 2, "from.table is missing");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: { table: \"person; drop table x\", key: [id] }")),
                2, "from.table 'person; drop table x' is not a table name");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 3, "to: { table: a.b.c, key: [id] }")), 3,
                "to.table 'a.b.c' is not a table name");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 3, "to: { table: \"app.\", key: [id] }")), 3,
                "to.table");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 3, "to: { table: , key: [id] }")), 3,
                "to.table must be");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // up / down values

    @Test
    void expressionMustBeAString() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: {a: b}")), 6,
                "up.full_name must be an SQL expression (a string)");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: [a, b]")), 6,
                "up.full_name must be an SQL expression (a string)");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name:")), 6,
                "up.full_name must be an SQL expression (a string)");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 9, "  first_name: ~")), 9,
                "down.first_name must be an SQL expression (a string)");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 9, "  first_name: \"  \"")), 9,
                "down.first_name is empty");
    }

    @Test
    void upAndDownMustBeMappings() {
        String yaml = PERSON_TO_PEOPLE.substring(0, PERSON_TO_PEOPLE.indexOf("down:")) + "down: [a]\n";
        assertOnlyProblem(fails(yaml), 7,
                "down must be a mapping of column: SQL expression");
    }

    @Test
    void expressionThatDoesNotParse() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"first_name ||\"")), 6,
                "up.full_name is not a valid SQL expression");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"'unterminated\"")), 6,
                "up.full_name is not a valid SQL expression");
    }

    @Test
    void deepNestingIsRefusedQuickly() {
        String deep = "(".repeat(1000) + "a" + ")".repeat(1000);
        RulesException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"" + deep + "\"")));
        assertOnlyProblem(e, 6, "up.full_name is not a valid SQL expression", "nests");
        assertEquals("a", assertDoesNotThrowParse(replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"" + "(".repeat(20) + "a" + ")".repeat(20) + "\"")).up().get("full_name")
                .replace("(", "").replace(")", ""));
    }

    @Test
    void trailingStatementsAreRefused() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"first_name; DROP TABLE person\"")), 6,
                "up.full_name is not a single SQL expression", "';'");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"(select 1); delete from x\"")), 6,
                "up.full_name is not a single SQL expression");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 9, "  first_name: \"full_name delete from x\"")), 9,
                "down.first_name");
    }

    @Test
    void parametersAreRefused() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"coalesce(first_name, ?)\"")), 6,
                "up.full_name may not contain a parameter (?)");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"coalesce(first_name, :fallback)\"")), 6,
                "up.full_name may not contain a parameter (:fallback)");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"$1\"")), 6,
                "up.full_name may not contain a parameter");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"(select x from t where y = ?)\"")), 6,
                "up.full_name may not contain a parameter (?)");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"case when (select :p) then 1 else 2 end\"")), 6, "up.full_name may not contain a parameter");
    }

    @Test
    void subqueriesMustOnlyRead() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"(with d as (delete from person returning *) select count(*) from d)\"")), 6,
                "up.full_name may not contain DELETE");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"(with d as (update person set x = 1 returning x) select max(x) from d)\"")), 6,
                "up.full_name may not contain UPDATE");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"(with d as (insert into t values (1) returning *) select 1 from d)\"")), 6,
                "up.full_name may not contain");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: \"(select 1 into copy_of_t)\"")), 6,
                "up.full_name may not contain");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: \"(select x from person for update)\"")), 6, "up.full_name may not contain UPDATE");
    }

    @Test
    void columnNamesMustBeSimpleIdentifiers() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  \"full name\": first_name")), 6,
                "up.full name is not a simple column name");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  \"people.full_name\": first_name")), 6,
                "up.people.full_name is not a simple column name");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  \"x = 1; --\": first_name")), 6,
                "is not a simple column name");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 6, "  select: first_name")), 6,
                "up.select is not a simple column name");
        // quoted ones are fine
        assertEquals("first_name", assertDoesNotThrowParse(replaceLine(PERSON_TO_PEOPLE, 6,
                "  '\"full name\"': first_name")).up().get("\"full name\""));
        assertEquals("first_name", assertDoesNotThrowParse(replaceLine(PERSON_TO_PEOPLE, 6,
                "  '`full name`': first_name")).up().get("`full name`"));
        // so are words JSqlParser reads as something else, such as date units
        assertEquals("first_name", assertDoesNotThrowParse(replaceLine(PERSON_TO_PEOPLE, 6,
                "  year: first_name")).up().get("year"));
    }

    static Migration assertDoesNotThrowParse(String yaml) {
        try {
            return RulesLoader.parse(SOURCE, yaml);
        } catch (RulesException e) {
            fail("unexpected: " + e.getMessage());
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // table-level semantics

    @Test
    void toKeyMustBeInUp() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 5, "  x: id")), 4,
                "up is missing to.key column id");
    }

    @Test
    void toKeyMustCopyAFromKeyColumnUnchanged() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 5, "  id: id + 1")), 5,
                "up.id must copy a from.key column unchanged (e.g. id: id): Tandem finds rows of `to` by key");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 5, "  id: first_name")), 5,
                "up.id must copy a from.key column unchanged");
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 5, "  id: person.id")), 5,
                "up.id must copy a from.key column unchanged");
    }

    @Test
    void keysMustMatchOneToOne() {
        RulesException e = fails(String.join("\n",
                "migration: orders-split",
                "from: { table: orders, key: [tenant, num] }",
                "to: { table: orders2, key: [order_no, tenant_id] }",
                "up: ",
                "  order_no: num",
                "  tenant_id: num",
                "  total: amount",
                "down: { amount: total }"));
        assertOnlyProblem(e, 6, "up.tenant_id copies from.key column num, which up.order_no already copies",
                "one to one");

        e = fails(String.join("\n",
                "migration: orders-split",
                "from: { table: orders, key: [tenant, num] }",
                "to: { table: orders2, key: [order_no] }",
                "up: { order_no: num, total: amount }",
                "down: { amount: total }"));
        assertProblem(e, SOURCE, 3, "to.key [order_no] has 1 column(s) but from.key [tenant, num] has 2");
    }

    @Test
    void downForAKeyColumnMustCopyTheMatchingToKey() {
        assertOnlyProblem(fails(replaceLine(PERSON_TO_PEOPLE, 8, "  id: id * 2")), 8,
                "down.id must copy the matching to.key column unchanged (id: id)");
    }

    @Test
    void upAndDownNeedANonKeyColumn() {
        String onlyKeys = String.join("\n",
                "migration: p",
                "from: { table: person, key: [id] }",
                "to: { table: people, key: [id] }",
                "up: { id: id }",
                "down: { id: id }");
        RulesException e = fails(onlyKeys);
        assertEquals(2, e.problems().size(), e.getMessage());
        assertProblem(e, SOURCE, 4, "up has no column besides the key");
        assertProblem(e, SOURCE, 5, "down has no column besides the key");
        e = fails(onlyKeys.replace("up: { id: id }", "up: {}"));
        assertProblem(e, SOURCE, 4, "up is missing to.key column id");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // column-level semantics

    @Test
    void columnLevelKeysMustBeTheSame() {
        assertOnlyProblem(fails(replaceLine(USERS_RENAME, 3, "to: { table: users, key: [uid] }")), 3,
                "to.key [uid] must be the same columns as from.key [id]");
    }

    @Test
    void columnLevelUpMayNotWriteTheKeyOrAnOldColumn() {
        String withKey = USERS_RENAME.replace("  full_name: name\n", "  full_name: name\n  id: id\n");
        assertOnlyProblem(fails(withKey), 6, "up.id is a key column");
        String both = USERS_RENAME.replace("  full_name: name\n", "  full_name: name\n  name: full_name\n");
        assertOnlyProblem(fails(both), 6, "up.name is also in down (line 8)");
    }

    @Test
    void columnLevelDownMayNotWriteTheKey() {
        String withKey = USERS_RENAME.replace("  name: full_name\n", "  name: full_name\n  id: id\n");
        assertOnlyProblem(fails(withKey), 8, "down.id is a key column");
    }

    @Test
    void columnLevelNeedsSomethingInUpAndDown() {
        RulesException e = fails(USERS_RENAME.replace("  full_name: name\n", "").replace("up:", "up: {}"));
        assertProblem(e, SOURCE, 4, "up has no column besides the key");
    }

    @Test
    void sameTableWithAndWithoutSchemaIsAmbiguous() {
        assertOnlyProblem(fails(replaceLine(USERS_RENAME, 3, "to: { table: archive.users, key: [id] }")), 3,
                "may or may not be the same table");
    }

    @Test
    void allProblemsOfAFileAreReportedTogether() {
        String yaml = String.join("\n",
                "migration: bad id",                      // 1
                "from: { table: person }",                // 2
                "to: { table: people, key: [id] }",       // 3
                "up: { full_name: \"a; drop table b\" }", // 4
                "down: { first_name: [x] }",              // 5
                "phase: never",                           // 6
                "percent: 101");                          // 7
        RulesException e = fails(yaml);
        assertProblem(e, SOURCE, 1, "migration 'bad id'");
        assertProblem(e, SOURCE, 2, "from.key is missing");
        assertProblem(e, SOURCE, 4, "up.full_name");
        assertProblem(e, SOURCE, 5, "down.first_name must be an SQL expression");
        assertProblem(e, SOURCE, 6, "phase");
        assertProblem(e, SOURCE, 7, "percent");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // hostile YAML

    /** Counts constructions; a rules file naming this class must never construct it. */
    public static final class Boom {
        static final AtomicInteger CONSTRUCTED = new AtomicInteger();

        public Boom() {
            CONSTRUCTED.incrementAndGet();
        }

        public Boom(String text) {
            CONSTRUCTED.incrementAndGet();
        }
    }

    @Test
    void javaTagsAreRefusedAndNothingIsConstructed() {
        RulesException e = fails(replaceLine(PERSON_TO_PEOPLE, 6,
                "  full_name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                        + "[\"http://localhost:1/\"]]]]"));
        assertOnlyProblem(e, 6, "the YAML tag !!javax.script.ScriptEngineManager is not allowed");

        e = fails("!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL "
                + "[\"http://localhost:1/\"]]]]\n");
        assertOnlyProblem(e, 1, "!!javax.script.ScriptEngineManager");

        e = fails(replaceLine(PERSON_TO_PEOPLE, 6, "  full_name: !!dev.tandem.rules.RulesParseTest$Boom \"x\""));
        assertOnlyProblem(e, 6, "the YAML tag !!dev.tandem.rules.RulesParseTest$Boom is not allowed");
        e = fails(replaceLine(PERSON_TO_PEOPLE, 1, "migration: !<tag:yaml.org,2002:dev.tandem.rules.RulesParseTest$Boom> x"));
        assertOnlyProblem(e, 1, "RulesParseTest$Boom", "not allowed");
        e = fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: !custom { table: person, key: [id] }"));
        assertOnlyProblem(e, 2, "from: the YAML tag !custom is not allowed");
        e = fails(replaceLine(PERSON_TO_PEOPLE, 6, "  ? !!dev.tandem.rules.RulesParseTest$Boom x\n  : first_name"));
        assertProblem(e, SOURCE, 6, "RulesParseTest$Boom");
        assertEquals(0, Boom.CONSTRUCTED.get());
    }

    @Test
    void aliasBombIsRefusedQuickly() {
        String bomb = String.join("\n",
                "migration: lol",
                "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]",
                "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]",
                "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]",
                "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]",
                "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]",
                "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]",
                "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]",
                "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]",
                "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]");
        RulesException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> fails(bomb));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("aliases"), e.getMessage());
    }

    @Test
    void recursiveAliasIsHarmless() {
        RulesException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                fails(replaceLine(PERSON_TO_PEOPLE, 2, "from: &f { table: person, key: *f }")));
        assertFalse(e.problems().isEmpty());
    }

    @Test
    void aliasesOfScalarsAreJustData() throws RulesException {
        Migration m = RulesLoader.parse(SOURCE, PERSON_TO_PEOPLE
                .replace("from: { table: person, key: [id] }", "from: { table: person, key: [&k id] }")
                .replace("to:   { table: people, key: [id] }", "to:   { table: people, key: [*k] }"));
        assertEquals(List.of("id"), m.to().key());
    }
}
