package dev.tandem.rules;

import dev.tandem.sql.Identifier;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one rules file (one migration) from YAML text. The YAML is only <em>composed</em> into nodes (SnakeYAML's
 * composer, safe options): nothing in a rules file is ever turned into a Java object, tags other than YAML's plain
 * ones are refused, and every problem carries the line it was found on. All problems of the file are collected
 * before anything is thrown.
 */
final class MigrationParser {
    /** The largest rules file accepted, in bytes (and so in characters). */
    static final int MAX_SIZE = 1 << 20;

    static final List<String> KEYS =
            List.of("migration", "from", "to", "up", "down", "phase", "percent", "description");
    static final List<String> TABLE_KEYS = List.of("table", "key");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("[+-]?[0-9]{1,10}");
    private static final Set<Tag> PLAIN_TAGS =
            Set.of(Tag.STR, Tag.INT, Tag.FLOAT, Tag.BOOL, Tag.NULL, Tag.TIMESTAMP, Tag.MAP, Tag.SEQ);

    private final String source;
    private final List<RulesException.Problem> problems = new ArrayList<>();

    private MigrationParser(String source) {
        this.source = source == null ? "<rules>" : source;
    }

    /** Parses one migration; throws with every problem found in the text. */
    static Migration parse(String source, String text) throws RulesException {
        MigrationParser parser = new MigrationParser(source);
        Migration migration = parser.run(text);
        if (!parser.problems.isEmpty()) {
            throw new RulesException(parser.problems);
        }
        return migration;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the file

    private Migration run(String text) {
        if (text == null) {
            problem(0, "has no text");
            return null;
        }
        if (text.length() > MAX_SIZE) {
            problem(0, "is larger than 1 MiB (" + text.length() + " characters): a rules file describes one migration");
            return null;
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Node root = compose(text);
        if (root == null || !plainTag(root, "the file")) {
            return null;
        }
        if (!(root instanceof MappingNode)) {
            problem(Math.max(1, line(root)), "must be a YAML mapping with the keys migration, from, to, up and down, not "
                    + kind(root));
            return null;
        }
        int rootLine = Math.max(1, line(root));
        Map<String, Entry> top = entries((MappingNode) root, "", KEYS);

        String id = readId(top.get("migration"), rootLine);
        readDescription(top.get("description"));
        Side from = readSide(top.get("from"), "from", rootLine);
        Side to = readSide(top.get("to"), "to", rootLine);
        Columns up = readColumns(top.get("up"), "up", rootLine);
        Columns down = readColumns(top.get("down"), "down", rootLine);
        Phase phase = readPhase(top.get("phase"));
        int percent = readPercent(top.get("percent"));

        List<String> toKeyByFromKey = null;
        if (from != null && to != null && up != null && down != null) {
            toKeyByFromKey = from.ref.sameTable(to.ref)
                    ? checkColumnLevel(from, to, up, down)
                    : checkTableLevel(from, to, up, down);
        }
        if (!problems.isEmpty() || id == null || from == null || to == null || up == null || down == null
                || phase == null || toKeyByFromKey == null) {
            if (problems.isEmpty()) {
                problem(rootLine, "cannot be read"); // not reached: every path above reports why
            }
            return null;
        }
        return new Migration(id, from.ref, to.ref, up.sql(), down.sql(), phase, percent, source, toKeyByFromKey);
    }

    private Node compose(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowRecursiveKeys(false);
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(MAX_SIZE + 1024);
        options.setProcessComments(false);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false); // no global (Java) tags, already while composing
        Yaml yaml = new Yaml(new SafeConstructor(options));
        try {
            Iterator<Node> documents = yaml.composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                problem(0, "is empty: a rules file describes one migration (migration, from, to, up, down)");
                return null;
            }
            Node first = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                problem(second == null ? 0 : Math.max(1, line(second)),
                        "holds more than one YAML document: a rules file describes exactly one migration");
                return null;
            }
            if (first == null) {
                problem(0, "is empty: a rules file describes one migration (migration, from, to, up, down)");
            }
            return first;
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null && e.getProblem() != null) {
                what = e.getContext() + ": " + e.getProblem();
            }
            int line = mark == null ? 0 : mark.getLine() + 1;
            String globalTag = "Global tag is not allowed: ";
            if (e.getProblem() != null && e.getProblem().startsWith(globalTag)) {
                problem(line, tagNotAllowed(e.getProblem().substring(globalTag.length())));
            } else {
                problem(line, "is not valid YAML: " + RuleExpressions.shorten(what));
            }
            return null;
        } catch (YAMLException e) {
            problem(0, "is not valid YAML: " + RuleExpressions.shorten(e.getMessage()));
            return null;
        } catch (RuntimeException | StackOverflowError e) {
            problem(0, "cannot be read as YAML: " + e.getClass().getSimpleName());
            return null;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // top-level keys

    private String readId(Entry e, int rootLine) {
        if (e == null) {
            problem(rootLine, "migration is missing: every rules file names its migration (e.g. migration: "
                    + "person-to-people); the id is used in flags, metrics and control tables");
            return null;
        }
        String text = scalarText(e, "migration", "an id such as person-to-people");
        if (text == null) {
            return null;
        }
        if (!ID.matcher(text).matches()) {
            problem(e.line(), "migration '" + RuleExpressions.shorten(text) + "' is not a valid id: use 1 to 64 "
                    + "letters, digits, '_', '.' or '-', starting with a letter or digit");
            return null;
        }
        return text;
    }

    private void readDescription(Entry e) {
        if (e != null && e.usable && !(e.value instanceof ScalarNode)) {
            problem(e.line(), "description must be text, not " + kind(e.value));
        }
    }

    private Phase readPhase(Entry e) {
        if (e == null) {
            return Phase.OFF;
        }
        String text = scalarText(e, "phase", "one of " + Phase.idList());
        if (text == null) {
            return null;
        }
        try {
            return Phase.parse(text);
        } catch (IllegalArgumentException ex) {
            problem(e.line(), "phase: " + ex.getMessage());
            return null;
        }
    }

    private int readPercent(Entry e) {
        if (e == null) {
            return 100;
        }
        String text = scalarText(e, "percent", "a whole number from 0 to 100");
        if (text == null) {
            return 100;
        }
        String t = text.trim();
        if (WHOLE_NUMBER.matcher(t).matches()) {
            long value = Long.parseLong(t);
            if (value >= 0 && value <= 100) {
                return (int) value;
            }
        }
        problem(e.line(), "percent must be a whole number from 0 to 100, not '" + RuleExpressions.shorten(text) + "'");
        return 100;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // from / to

    private static final class Side {
        final String name;
        final TableRef ref;
        final int line;
        final int keyLine;

        Side(String name, TableRef ref, int line, int keyLine) {
            this.name = name;
            this.ref = ref;
            this.line = line;
            this.keyLine = keyLine;
        }
    }

    private Side readSide(Entry e, String side, int rootLine) {
        String example = " (e.g. " + side + ": { table: " + ("from".equals(side) ? "person" : "people") + ", key: [id] })";
        if (e == null) {
            problem(rootLine, side + " is missing: the " + ("from".equals(side) ? "old" : "new") + " structure" + example);
            return null;
        }
        if (!e.usable) {
            return null;
        }
        if (!(e.value instanceof MappingNode)) {
            problem(e.line(), side + " must be a mapping with table and key" + example + ", not " + kind(e.value));
            return null;
        }
        Map<String, Entry> m = entries((MappingNode) e.value, side + ": ", TABLE_KEYS);
        boolean ok = true;

        String schema = null;
        String table = null;
        Entry t = m.get("table");
        if (t == null) {
            problem(e.line(), side + ".table is missing: the table's name (table or schema.table)");
            ok = false;
        } else {
            String text = scalarText(t, side + ".table", "a table name (table or schema.table)");
            if (text == null) {
                ok = false;
            } else {
                List<String> parts = splitTableName(text.trim());
                if (parts == null) {
                    problem(t.line(), side + ".table '" + RuleExpressions.shorten(text) + "' is not a table name: write "
                            + "table or schema.table, quoting a name with \"...\" or `...` if needed");
                    ok = false;
                } else if (parts.size() == 2) {
                    schema = parts.get(0);
                    table = parts.get(1);
                } else {
                    table = parts.get(0);
                }
            }
        }

        List<String> key = new ArrayList<>();
        int keyLine = e.line();
        Entry k = m.get("key");
        if (k == null) {
            problem(e.line(), side + ".key is missing: Tandem identifies rows by key (e.g. key: [id])");
            ok = false;
        } else if (!k.usable) {
            ok = false;
        } else {
            keyLine = k.line();
            List<Node> items = new ArrayList<>();
            if (k.value instanceof SequenceNode) {
                items.addAll(((SequenceNode) k.value).getValue());
                if (items.isEmpty()) {
                    problem(k.line(), side + ".key is empty: Tandem identifies rows by key (e.g. key: [id])");
                    ok = false;
                }
            } else if (k.value instanceof ScalarNode && !Tag.NULL.equals(k.value.getTag())) {
                items.add(k.value);
            } else {
                problem(k.line(), side + ".key must be a list of column names (e.g. key: [id]), not " + kind(k.value));
                ok = false;
            }
            for (Node item : items) {
                int itemLine = Math.max(line(item), k.line());
                if (!plainTag(item, side + ".key")) {
                    ok = false;
                    continue;
                }
                if (!(item instanceof ScalarNode) || Tag.NULL.equals(item.getTag())) {
                    problem(itemLine, side + ".key must list column names, not " + kind(item));
                    ok = false;
                    continue;
                }
                String column = ((ScalarNode) item).getValue().trim();
                if (!RuleExpressions.isSimpleIdentifier(column)) {
                    problem(itemLine, side + ".key: '" + RuleExpressions.shorten(column) + "' is not a simple column "
                            + "name (quote it with \"...\" or `...` if needed)");
                    ok = false;
                    continue;
                }
                if (containsColumn(key, column)) {
                    problem(itemLine, side + ".key lists column " + column + " twice");
                    ok = false;
                    continue;
                }
                key.add(column);
            }
        }
        if (!ok) {
            return null;
        }
        return new Side(side, new TableRef(schema, table, key), e.line(), keyLine);
    }

    /** {@code table} or {@code schema.table}, each part a simple identifier; null if it is not that. */
    private static List<String> splitTableName(String text) {
        List<String> parts;
        try {
            parts = TableRef.splitQualified(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (parts.isEmpty() || parts.size() > 2) {
            return null;
        }
        for (String part : parts) {
            if (!RuleExpressions.isSimpleIdentifier(part)) {
                return null;
            }
        }
        return parts;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // up / down

    private static final class Col {
        final String name;
        final int line;
        final boolean validName;
        final RuleExpressions.Checked checked;

        Col(String name, int line, boolean validName, RuleExpressions.Checked checked) {
            this.name = name;
            this.line = line;
            this.validName = validName;
            this.checked = checked;
        }
    }

    private static final class Columns {
        final String name;
        final int line;
        final List<Col> cols;

        Columns(String name, int line, List<Col> cols) {
            this.name = name;
            this.line = line;
            this.cols = cols;
        }

        Col find(String column) {
            for (Col c : cols) {
                if (c.validName && Identifier.same(c.name, column)) {
                    return c;
                }
            }
            return null;
        }

        Map<String, String> sql() {
            Map<String, String> map = new LinkedHashMap<>();
            for (Col c : cols) {
                map.put(c.name, c.checked.sql());
            }
            return map;
        }
    }

    private Columns readColumns(Entry e, String side, int rootLine) {
        if (e == null) {
            problem(rootLine, side + " is missing: " + ("up".equals(side)
                    ? "each written column of `to`, as SQL over `from`'s columns"
                    : "each column of `from` the application uses, as SQL over `to`'s columns"));
            return null;
        }
        if (!e.usable) {
            return null;
        }
        if (!(e.value instanceof MappingNode)) {
            problem(e.line(), side + " must be a mapping of column: SQL expression, not " + kind(e.value));
            return null;
        }
        Map<String, Entry> m = entries((MappingNode) e.value, side + ": ", null);
        List<Col> cols = new ArrayList<>();
        Columns columns = new Columns(side, e.line(), cols);
        for (Entry c : m.values()) {
            String label = side + "." + c.name;
            if (!RuleExpressions.isSimpleIdentifier(c.name)) {
                problem(c.line(), label + " is not a simple column name: write the column as in the database, "
                        + "quoting it with \"...\" or `...` if needed");
                cols.add(new Col(c.name, c.line(), false, null));
                continue;
            }
            Col same = columns.find(c.name);
            if (same != null) {
                problem(c.line(), label + " names the same column as " + side + "." + same.name + " (line "
                        + same.line + ")");
                continue;
            }
            RuleExpressions.Checked checked = null;
            if (c.usable) {
                if (!(c.value instanceof ScalarNode) || Tag.NULL.equals(c.value.getTag())) {
                    problem(c.line(), label + " must be an SQL expression (a string), not " + kind(c.value));
                } else {
                    try {
                        checked = RuleExpressions.check(((ScalarNode) c.value).getValue());
                    } catch (RuleExpressions.Invalid invalid) {
                        problem(c.line(), label + " " + invalid.getMessage());
                    }
                }
            }
            cols.add(new Col(c.name, c.line(), true, checked));
        }
        return columns;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // the migration as a whole

    private List<String> checkColumnLevel(Side from, Side to, Columns up, Columns down) {
        TableRef f = from.ref;
        TableRef t = to.ref;
        if ((f.schema() == null) != (t.schema() == null)) {
            problem(to.line, "to.table " + t.sql() + " and from.table " + f.sql() + " may or may not be the same table: "
                    + "qualify both with their schema, or neither");
            return null;
        }
        int before = problems.size();
        if (!sameColumnSet(f.key(), t.key())) {
            problem(to.keyLine, "to.key " + t.key() + " must be the same columns as from.key " + f.key() + ": from and "
                    + "to name the same table " + f.sql() + " (a column-level migration), and a table has one key");
        }
        for (Col c : up.cols) {
            if (!c.validName) {
                continue;
            }
            if (f.isKey(c.name) || t.isKey(c.name)) {
                problem(c.line, "up." + c.name + " is a key column: a column-level migration cannot change the key; "
                        + "up lists only the new columns");
            } else if (down.find(c.name) != null) {
                problem(c.line, "up." + c.name + " is also in down (line " + down.find(c.name).line + "): up lists the "
                        + "new columns and down the old ones, so they must be different columns");
            }
        }
        for (Col c : down.cols) {
            if (c.validName && (f.isKey(c.name) || t.isKey(c.name))) {
                problem(c.line, "down." + c.name + " is a key column: a column-level migration cannot change the key; "
                        + "down lists only the old columns");
            }
        }
        requireDerived(up, t, "up", "a new column of " + t.sql() + " (e.g. full_name: \"name\")");
        requireDerived(down, f, "down", "an old column of " + f.sql() + " (e.g. name: \"full_name\")");
        return problems.size() == before ? f.key() : null;
    }

    private List<String> checkTableLevel(Side from, Side to, Columns up, Columns down) {
        TableRef f = from.ref;
        TableRef t = to.ref;
        int before = problems.size();
        List<String> fromKey = f.key();
        String[] toKeyByFromKey = new String[fromKey.size()];
        if (t.key().size() != fromKey.size()) {
            problem(to.keyLine, "to.key " + t.key() + " has " + t.key().size() + " column(s) but from.key " + fromKey
                    + " has " + fromKey.size() + ": each to.key column copies one from.key column (one to one)");
        }
        boolean keyProblems = false;
        for (String toKey : t.key()) {
            Col c = up.find(toKey);
            if (c == null) {
                problem(up.line, "up is missing to.key column " + toKey + ": Tandem finds rows of `to` by key, so up "
                        + "must copy it from a from.key column (e.g. " + toKey + ": " + fromKey.get(0) + ")");
                keyProblems = true;
                continue;
            }
            if (c.checked == null) {
                keyProblems = true; // already reported
                continue;
            }
            int index = RuleExpressions.isBareColumn(c.checked.expression())
                    ? indexOfColumn(fromKey, c.checked.sql()) : -1;
            if (index < 0) {
                problem(c.line, "up." + c.name + " must copy a from.key column unchanged (e.g. " + c.name + ": "
                        + fromKey.get(0) + "): Tandem finds rows of `to` by key; from.key is " + fromKey);
                keyProblems = true;
            } else if (toKeyByFromKey[index] != null) {
                problem(c.line, "up." + c.name + " copies from.key column " + fromKey.get(index) + ", which up."
                        + toKeyByFromKey[index] + " already copies: to.key and from.key must match one to one");
                keyProblems = true;
            } else {
                toKeyByFromKey[index] = toKey;
            }
        }
        if (!keyProblems) {
            for (int i = 0; i < fromKey.size(); i++) {
                if (toKeyByFromKey[i] == null) {
                    problem(up.line, "from.key column " + fromKey.get(i) + " is not copied into any to.key column: "
                            + "to.key and from.key must match one to one");
                }
            }
        }
        for (int i = 0; i < fromKey.size(); i++) {
            Col d = down.find(fromKey.get(i));
            if (d == null || d.checked == null || toKeyByFromKey[i] == null) {
                continue;
            }
            if (!RuleExpressions.isBareColumn(d.checked.expression())
                    || !Identifier.same(d.checked.sql(), toKeyByFromKey[i])) {
                problem(d.line, "down." + d.name + " must copy the matching to.key column unchanged (" + d.name + ": "
                        + toKeyByFromKey[i] + "), or be left out");
            }
        }
        requireDerived(up, t, "up", "a column of " + t.sql() + " to derive (e.g. full_name: \"first_name || ' ' || "
                + "last_name\")");
        requireDerived(down, f, "down", "a column of " + f.sql() + " to derive (e.g. first_name: "
                + "\"split_part(full_name, ' ', 1)\")");
        if (problems.size() != before || java.util.Arrays.asList(toKeyByFromKey).contains(null)) {
            return null; // a key column whose up entry is itself invalid was reported where it was read
        }
        return List.of(toKeyByFromKey);
    }

    private void requireDerived(Columns columns, TableRef keyed, String side, String example) {
        for (Col c : columns.cols) {
            if (!c.validName || !keyed.isKey(c.name)) {
                return;
            }
        }
        problem(columns.line, side + " has no column besides the key: list at least " + example);
    }

    private static boolean sameColumnSet(List<String> a, List<String> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (String column : a) {
            if (!containsColumn(b, column)) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsColumn(List<String> columns, String column) {
        return indexOfColumn(columns, column) >= 0;
    }

    private static int indexOfColumn(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (Identifier.same(columns.get(i), column)) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // YAML nodes

    /** One key of a mapping: its name, its nodes, and whether its value may be read (false after a reported tag). */
    private static final class Entry {
        final String name;
        final Node key;
        final Node value;
        final boolean usable;

        Entry(String name, Node key, Node value, boolean usable) {
            this.name = name;
            this.key = key;
            this.value = value;
            this.usable = usable;
        }

        int line() {
            return Math.max(1, MigrationParser.line(key));
        }
    }

    /**
     * The entries of a mapping in file order. Keys must be plain scalars; a key given twice, a key not in
     * {@code allowed} (when not null) and a value with a non-plain tag are reported.
     */
    private Map<String, Entry> entries(MappingNode mapping, String prefix, List<String> allowed) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            Node key = tuple.getKeyNode();
            Node value = tuple.getValueNode();
            int keyLine = Math.max(1, line(key));
            if (!(key instanceof ScalarNode) || Tag.NULL.equals(key.getTag()) && ((ScalarNode) key).getValue().isEmpty()) {
                problem(keyLine, prefix + "keys must be plain names, not " + kind(key));
                continue;
            }
            if (Tag.MERGE.equals(key.getTag())) {
                problem(keyLine, prefix + "YAML merge keys (<<) are not supported: write the entries out");
                continue;
            }
            String name = ((ScalarNode) key).getValue();
            if (!plainTag(key, prefix + "key '" + RuleExpressions.shorten(name) + "'")) {
                continue;
            }
            if (allowed != null && !allowed.contains(name)) {
                problem(keyLine, prefix + "unknown key '" + RuleExpressions.shorten(name) + "' (expected one of: "
                        + String.join(", ", allowed) + ")");
                continue;
            }
            Entry previous = entries.get(name);
            if (previous != null) {
                problem(keyLine, prefix + "duplicate key '" + RuleExpressions.shorten(name) + "' (first on line "
                        + previous.line() + ")");
                continue;
            }
            String label = prefix.isEmpty() ? name : prefix.substring(0, prefix.length() - 2) + "." + name;
            boolean usable = plainTag(value, label);
            entries.put(name, new Entry(name, key, value, usable));
        }
        return entries;
    }

    /** Reports (and returns false for) a node carrying a tag other than YAML's plain ones, e.g. a Java class tag. */
    private boolean plainTag(Node node, String what) {
        Tag tag = node.getTag();
        if (tag != null && PLAIN_TAGS.contains(tag)) {
            return true;
        }
        problem(Math.max(1, line(node)), what + ": " + tagNotAllowed(tag == null ? "?" : tag.getValue()));
        return false;
    }

    private static String tagNotAllowed(String tag) {
        String shown = tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
        return "the YAML tag " + RuleExpressions.shorten(shown) + " is not allowed; rules files are plain YAML and "
                + "nothing in them is turned into an object";
    }

    /** The text of a scalar value, or null (reported) when the value is missing, null, a list or a mapping. */
    private String scalarText(Entry e, String label, String expected) {
        if (!e.usable) {
            return null;
        }
        if (!(e.value instanceof ScalarNode) || Tag.NULL.equals(e.value.getTag())) {
            problem(e.line(), label + " must be " + expected + ", not " + kind(e.value));
            return null;
        }
        return ((ScalarNode) e.value).getValue();
    }

    private static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        if (node == null || Tag.NULL.equals(node.getTag())) {
            return "empty";
        }
        return "'" + RuleExpressions.shorten(((ScalarNode) node).getValue()) + "'";
    }

    static int line(Node node) {
        if (node == null || node.getStartMark() == null) {
            return 0;
        }
        return node.getStartMark().getLine() + 1;
    }

    private void problem(int line, String message) {
        problems.add(new RulesException.Problem(source, line, message));
    }
}
