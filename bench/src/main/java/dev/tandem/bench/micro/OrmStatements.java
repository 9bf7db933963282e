package dev.tandem.bench.micro;

import dev.tandem.rules.RuleSet;
import dev.tandem.rules.RulesException;
import dev.tandem.rules.RulesLoader;
import dev.tandem.rules.TableRef;
import dev.tandem.schema.ColumnShape;
import dev.tandem.schema.TableShapes;

import java.sql.Types;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The SQL the microbenchmarks plan: ten statements as Hibernate 6 writes them for an entity {@code Account} mapped
 * to {@code bn_account} (migrated, table-level, to {@code bn_account2}), and statements that name no migrated table.
 */
public final class OrmStatements {
    /** Ten typical ORM statements naming the migrated table, by a short name. */
    public static final Map<String, String> MIGRATED = Map.ofEntries(
            Map.entry("point-read", "select a1_0.id,a1_0.balance,a1_0.email,a1_0.name from bn_account a1_0"
                    + " where a1_0.id=?"),
            Map.entry("range-read", "select a1_0.id,a1_0.balance,a1_0.email,a1_0.name from bn_account a1_0"
                    + " where a1_0.id between ? and ? order by a1_0.id"),
            Map.entry("join", "select a1_0.id,a1_0.name,o1_0.id,o1_0.total from bn_account a1_0 join bn_order o1_0"
                    + " on a1_0.id=o1_0.account_id where a1_0.email=?"),
            Map.entry("count", "select count(a1_0.id) from bn_account a1_0 where a1_0.balance>?"),
            Map.entry("page", "select a1_0.id,a1_0.balance,a1_0.email,a1_0.name from bn_account a1_0"
                    + " order by a1_0.name offset ? rows fetch first ? rows only"),
            Map.entry("subquery", "select a1_0.id,a1_0.name from bn_account a1_0 where a1_0.id in"
                    + " (select o1_0.account_id from bn_order o1_0 where o1_0.total>?)"),
            Map.entry("insert", "insert into bn_account (balance,email,name,id) values (?,?,?,?)"),
            Map.entry("update", "update bn_account set balance=?,email=?,name=? where id=?"),
            Map.entry("delete", "delete from bn_account where id=?"),
            Map.entry("bulk-update", "update bn_account set balance=balance+? where email like ?"));

    /** Statements of the same application that name no migrated table (the common case). */
    public static final Map<String, String> UNRELATED = Map.of(
            "point-read", "select o1_0.id,o1_0.account_id,o1_0.created_at,o1_0.status,o1_0.total from bn_order o1_0"
                    + " where o1_0.id=?",
            "join", "select o1_0.id,o1_0.status,o1_0.total,l1_0.order_id,l1_0.id,l1_0.product_id,l1_0.quantity"
                    + " from bn_order o1_0 left join bn_order_line l1_0 on o1_0.id=l1_0.order_id"
                    + " where o1_0.account_id=? and o1_0.status in (?,?,?) order by o1_0.created_at desc",
            "update", "update bn_order set account_id=?,created_at=?,status=?,total=? where id=?");

    private OrmStatements() {
    }

    /** The rules files: the table-level migration of {@code bn_account}, plus two more on other tables. */
    public static final Map<String, String> RULES_FILES = Map.of(
            "bn-table.yaml", """
                    migration: bn-table
                    from: { table: bn_account, key: [id] }
                    to:   { table: bn_account2, key: [id] }
                    up:   { id: id, display_name: name, email: "LOWER(email)", balance: balance }
                    down: { name: display_name, email: email, balance: balance }
                    phase: write-both
                    """,
            "bn-product.yaml", """
                    migration: bn-product
                    from: { table: bn_product, key: [id] }
                    to:   { table: bn_product, key: [id] }
                    up:   { price_cents: "price * 100" }
                    down: { price: "price_cents / 100" }
                    phase: write-both
                    """,
            "bn-customer.yaml", """
                    migration: bn-customer
                    from: { table: bn_customer, key: [id] }
                    to:   { table: bn_client, key: [id] }
                    up:   { id: id, full_name: "first_name || ' ' || last_name" }
                    down: { first_name: "SUBSTRING(full_name, 1, 10)", last_name: "SUBSTRING(full_name, 11)" }
                    phase: write-both
                    """);

    /** {@link #RULES_FILES} as a rule set. */
    public static RuleSet rules() {
        try {
            List<dev.tandem.rules.Migration> migrations = new java.util.ArrayList<>();
            for (Map.Entry<String, String> file : new java.util.TreeMap<>(RULES_FILES).entrySet()) {
                migrations.add(RulesLoader.parse(file.getKey(), file.getValue()));
            }
            return RuleSet.of(migrations);
        } catch (RulesException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes {@link #RULES_FILES} into {@code dir}. */
    public static void writeRules(java.nio.file.Path dir) throws java.io.IOException {
        java.nio.file.Files.createDirectories(dir);
        for (Map.Entry<String, String> file : RULES_FILES.entrySet()) {
            java.nio.file.Files.writeString(dir.resolve(file.getKey()), file.getValue());
        }
    }

    /** What the catalog would say about the tables, so that planning needs no database. */
    public static final TableShapes SHAPES = new TableShapes() {
        private final Map<String, List<ColumnShape>> tables = Map.of(
                "bn_account", List.of(bigint("id"), varchar("name", 100), varchar("email", 200),
                        varchar("email_norm", 200), bigint("balance")),
                "bn_account2", List.of(bigint("id"), varchar("display_name", 100), varchar("email", 200),
                        bigint("balance")),
                "bn_order", List.of(bigint("id"), bigint("account_id"), bigint("total")));

        @Override
        public List<String> columns(TableRef table) {
            return describe(table).stream().map(ColumnShape::name).toList();
        }

        @Override
        public List<ColumnShape> describe(TableRef table) {
            return tables.getOrDefault(table.name().toLowerCase(Locale.ROOT), List.of());
        }

        @Override
        public List<List<String>> uniqueKeys(TableRef table) {
            return tables.containsKey(table.name().toLowerCase(Locale.ROOT)) ? List.of(List.of("id")) : List.of();
        }
    };

    private static ColumnShape bigint(String name) {
        return new ColumnShape(name, Types.BIGINT, "int8", 19, 0, null);
    }

    private static ColumnShape varchar(String name, int size) {
        return new ColumnShape(name, Types.VARCHAR, "varchar", size, 0, null);
    }
}
