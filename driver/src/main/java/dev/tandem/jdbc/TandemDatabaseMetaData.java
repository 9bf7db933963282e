package dev.tandem.jdbc;

import dev.tandem.jdbc.forward.DatabaseMetaDataForwarder;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The application's {@link DatabaseMetaData}: the real one, whose {@code getConnection()} returns the
 * application's connection, and whose result sets answer {@code getStatement()} with a wrapper of theirs.
 */
final class TandemDatabaseMetaData implements DatabaseMetaDataForwarder {
    private final TandemConnection connection;
    private final DatabaseMetaData vendor;

    TandemDatabaseMetaData(TandemConnection connection, DatabaseMetaData vendor) {
        this.connection = connection;
        this.vendor = vendor;
    }

    @Override
    public DatabaseMetaData delegate() {
        return vendor;
    }

    @Override
    public Connection getConnection() {
        return connection;
    }

    private ResultSet wrap(ResultSet rs) throws SQLException {
        if (rs == null) {
            return null;
        }
        java.sql.Statement real = rs.getStatement();
        return new TandemResultSet(rs, real == null ? null : new TandemStatement(connection, real));
    }

    @Override
    public ResultSet getProcedures(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getProcedures(a0, a1, a2));
    }

    @Override
    public ResultSet getProcedureColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return wrap(vendor.getProcedureColumns(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getTables(String a0, String a1, String a2, String[] a3) throws SQLException {
        return wrap(vendor.getTables(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getSchemas() throws SQLException {
        return wrap(vendor.getSchemas());
    }

    @Override
    public ResultSet getCatalogs() throws SQLException {
        return wrap(vendor.getCatalogs());
    }

    @Override
    public ResultSet getTableTypes() throws SQLException {
        return wrap(vendor.getTableTypes());
    }

    @Override
    public ResultSet getColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return wrap(vendor.getColumns(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getColumnPrivileges(String a0, String a1, String a2, String a3) throws SQLException {
        return wrap(vendor.getColumnPrivileges(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getTablePrivileges(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getTablePrivileges(a0, a1, a2));
    }

    @Override
    public ResultSet getBestRowIdentifier(String a0, String a1, String a2, int a3, boolean a4) throws SQLException {
        return wrap(vendor.getBestRowIdentifier(a0, a1, a2, a3, a4));
    }

    @Override
    public ResultSet getVersionColumns(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getVersionColumns(a0, a1, a2));
    }

    @Override
    public ResultSet getPrimaryKeys(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getPrimaryKeys(a0, a1, a2));
    }

    @Override
    public ResultSet getImportedKeys(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getImportedKeys(a0, a1, a2));
    }

    @Override
    public ResultSet getExportedKeys(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getExportedKeys(a0, a1, a2));
    }

    @Override
    public ResultSet getCrossReference(String a0, String a1, String a2, String a3, String a4, String a5) throws SQLException {
        return wrap(vendor.getCrossReference(a0, a1, a2, a3, a4, a5));
    }

    @Override
    public ResultSet getTypeInfo() throws SQLException {
        return wrap(vendor.getTypeInfo());
    }

    @Override
    public ResultSet getIndexInfo(String a0, String a1, String a2, boolean a3, boolean a4) throws SQLException {
        return wrap(vendor.getIndexInfo(a0, a1, a2, a3, a4));
    }

    @Override
    public ResultSet getUDTs(String a0, String a1, String a2, int[] a3) throws SQLException {
        return wrap(vendor.getUDTs(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getSuperTypes(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getSuperTypes(a0, a1, a2));
    }

    @Override
    public ResultSet getSuperTables(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getSuperTables(a0, a1, a2));
    }

    @Override
    public ResultSet getAttributes(String a0, String a1, String a2, String a3) throws SQLException {
        return wrap(vendor.getAttributes(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getSchemas(String a0, String a1) throws SQLException {
        return wrap(vendor.getSchemas(a0, a1));
    }

    @Override
    public ResultSet getClientInfoProperties() throws SQLException {
        return wrap(vendor.getClientInfoProperties());
    }

    @Override
    public ResultSet getFunctions(String a0, String a1, String a2) throws SQLException {
        return wrap(vendor.getFunctions(a0, a1, a2));
    }

    @Override
    public ResultSet getFunctionColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return wrap(vendor.getFunctionColumns(a0, a1, a2, a3));
    }

    @Override
    public ResultSet getPseudoColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return wrap(vendor.getPseudoColumns(a0, a1, a2, a3));
    }

}
