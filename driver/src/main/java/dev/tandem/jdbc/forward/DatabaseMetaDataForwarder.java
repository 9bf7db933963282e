package dev.tandem.jdbc.forward;

import java.sql.*;

/**
 * Forwards every method of {@link DatabaseMetaData} to {@link #delegate()}, so that a wrapper
 * implements only what it intercepts. Boilerplate derived mechanically from the Java 17 {@code java.sql} interface;
 * {@code unwrap} and {@code isWrapperFor} follow {@link Wrapping}.
 */
public interface DatabaseMetaDataForwarder extends DatabaseMetaData {

    /** The object this one forwards to. */
    DatabaseMetaData delegate();

    @Override
    default <T> T unwrap(Class<T> iface) throws SQLException {
        return Wrapping.unwrap(this, delegate(), iface);
    }

    @Override
    default boolean isWrapperFor(Class<?> iface) throws SQLException {
        return Wrapping.isWrapperFor(this, delegate(), iface);
    }

    @Override
    default boolean allProceduresAreCallable() throws SQLException {
        return delegate().allProceduresAreCallable();
    }

    @Override
    default boolean allTablesAreSelectable() throws SQLException {
        return delegate().allTablesAreSelectable();
    }

    @Override
    default boolean autoCommitFailureClosesAllResultSets() throws SQLException {
        return delegate().autoCommitFailureClosesAllResultSets();
    }

    @Override
    default boolean dataDefinitionCausesTransactionCommit() throws SQLException {
        return delegate().dataDefinitionCausesTransactionCommit();
    }

    @Override
    default boolean dataDefinitionIgnoredInTransactions() throws SQLException {
        return delegate().dataDefinitionIgnoredInTransactions();
    }

    @Override
    default boolean deletesAreDetected(int a0) throws SQLException {
        return delegate().deletesAreDetected(a0);
    }

    @Override
    default boolean doesMaxRowSizeIncludeBlobs() throws SQLException {
        return delegate().doesMaxRowSizeIncludeBlobs();
    }

    @Override
    default boolean generatedKeyAlwaysReturned() throws SQLException {
        return delegate().generatedKeyAlwaysReturned();
    }

    @Override
    default ResultSet getAttributes(String a0, String a1, String a2, String a3) throws SQLException {
        return delegate().getAttributes(a0, a1, a2, a3);
    }

    @Override
    default ResultSet getBestRowIdentifier(String a0, String a1, String a2, int a3, boolean a4) throws SQLException {
        return delegate().getBestRowIdentifier(a0, a1, a2, a3, a4);
    }

    @Override
    default String getCatalogSeparator() throws SQLException {
        return delegate().getCatalogSeparator();
    }

    @Override
    default String getCatalogTerm() throws SQLException {
        return delegate().getCatalogTerm();
    }

    @Override
    default ResultSet getCatalogs() throws SQLException {
        return delegate().getCatalogs();
    }

    @Override
    default ResultSet getClientInfoProperties() throws SQLException {
        return delegate().getClientInfoProperties();
    }

    @Override
    default ResultSet getColumnPrivileges(String a0, String a1, String a2, String a3) throws SQLException {
        return delegate().getColumnPrivileges(a0, a1, a2, a3);
    }

    @Override
    default ResultSet getColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return delegate().getColumns(a0, a1, a2, a3);
    }

    @Override
    default Connection getConnection() throws SQLException {
        return delegate().getConnection();
    }

    @Override
    default ResultSet getCrossReference(String a0, String a1, String a2, String a3, String a4, String a5) throws SQLException {
        return delegate().getCrossReference(a0, a1, a2, a3, a4, a5);
    }

    @Override
    default int getDatabaseMajorVersion() throws SQLException {
        return delegate().getDatabaseMajorVersion();
    }

    @Override
    default int getDatabaseMinorVersion() throws SQLException {
        return delegate().getDatabaseMinorVersion();
    }

    @Override
    default String getDatabaseProductName() throws SQLException {
        return delegate().getDatabaseProductName();
    }

    @Override
    default String getDatabaseProductVersion() throws SQLException {
        return delegate().getDatabaseProductVersion();
    }

    @Override
    default int getDefaultTransactionIsolation() throws SQLException {
        return delegate().getDefaultTransactionIsolation();
    }

    @Override
    default int getDriverMajorVersion() {
        return delegate().getDriverMajorVersion();
    }

    @Override
    default int getDriverMinorVersion() {
        return delegate().getDriverMinorVersion();
    }

    @Override
    default String getDriverName() throws SQLException {
        return delegate().getDriverName();
    }

    @Override
    default String getDriverVersion() throws SQLException {
        return delegate().getDriverVersion();
    }

    @Override
    default ResultSet getExportedKeys(String a0, String a1, String a2) throws SQLException {
        return delegate().getExportedKeys(a0, a1, a2);
    }

    @Override
    default String getExtraNameCharacters() throws SQLException {
        return delegate().getExtraNameCharacters();
    }

    @Override
    default ResultSet getFunctionColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return delegate().getFunctionColumns(a0, a1, a2, a3);
    }

    @Override
    default ResultSet getFunctions(String a0, String a1, String a2) throws SQLException {
        return delegate().getFunctions(a0, a1, a2);
    }

    @Override
    default String getIdentifierQuoteString() throws SQLException {
        return delegate().getIdentifierQuoteString();
    }

    @Override
    default ResultSet getImportedKeys(String a0, String a1, String a2) throws SQLException {
        return delegate().getImportedKeys(a0, a1, a2);
    }

    @Override
    default ResultSet getIndexInfo(String a0, String a1, String a2, boolean a3, boolean a4) throws SQLException {
        return delegate().getIndexInfo(a0, a1, a2, a3, a4);
    }

    @Override
    default int getJDBCMajorVersion() throws SQLException {
        return delegate().getJDBCMajorVersion();
    }

    @Override
    default int getJDBCMinorVersion() throws SQLException {
        return delegate().getJDBCMinorVersion();
    }

    @Override
    default int getMaxBinaryLiteralLength() throws SQLException {
        return delegate().getMaxBinaryLiteralLength();
    }

    @Override
    default int getMaxCatalogNameLength() throws SQLException {
        return delegate().getMaxCatalogNameLength();
    }

    @Override
    default int getMaxCharLiteralLength() throws SQLException {
        return delegate().getMaxCharLiteralLength();
    }

    @Override
    default int getMaxColumnNameLength() throws SQLException {
        return delegate().getMaxColumnNameLength();
    }

    @Override
    default int getMaxColumnsInGroupBy() throws SQLException {
        return delegate().getMaxColumnsInGroupBy();
    }

    @Override
    default int getMaxColumnsInIndex() throws SQLException {
        return delegate().getMaxColumnsInIndex();
    }

    @Override
    default int getMaxColumnsInOrderBy() throws SQLException {
        return delegate().getMaxColumnsInOrderBy();
    }

    @Override
    default int getMaxColumnsInSelect() throws SQLException {
        return delegate().getMaxColumnsInSelect();
    }

    @Override
    default int getMaxColumnsInTable() throws SQLException {
        return delegate().getMaxColumnsInTable();
    }

    @Override
    default int getMaxConnections() throws SQLException {
        return delegate().getMaxConnections();
    }

    @Override
    default int getMaxCursorNameLength() throws SQLException {
        return delegate().getMaxCursorNameLength();
    }

    @Override
    default int getMaxIndexLength() throws SQLException {
        return delegate().getMaxIndexLength();
    }

    @Override
    default long getMaxLogicalLobSize() throws SQLException {
        return delegate().getMaxLogicalLobSize();
    }

    @Override
    default int getMaxProcedureNameLength() throws SQLException {
        return delegate().getMaxProcedureNameLength();
    }

    @Override
    default int getMaxRowSize() throws SQLException {
        return delegate().getMaxRowSize();
    }

    @Override
    default int getMaxSchemaNameLength() throws SQLException {
        return delegate().getMaxSchemaNameLength();
    }

    @Override
    default int getMaxStatementLength() throws SQLException {
        return delegate().getMaxStatementLength();
    }

    @Override
    default int getMaxStatements() throws SQLException {
        return delegate().getMaxStatements();
    }

    @Override
    default int getMaxTableNameLength() throws SQLException {
        return delegate().getMaxTableNameLength();
    }

    @Override
    default int getMaxTablesInSelect() throws SQLException {
        return delegate().getMaxTablesInSelect();
    }

    @Override
    default int getMaxUserNameLength() throws SQLException {
        return delegate().getMaxUserNameLength();
    }

    @Override
    default String getNumericFunctions() throws SQLException {
        return delegate().getNumericFunctions();
    }

    @Override
    default ResultSet getPrimaryKeys(String a0, String a1, String a2) throws SQLException {
        return delegate().getPrimaryKeys(a0, a1, a2);
    }

    @Override
    default ResultSet getProcedureColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return delegate().getProcedureColumns(a0, a1, a2, a3);
    }

    @Override
    default String getProcedureTerm() throws SQLException {
        return delegate().getProcedureTerm();
    }

    @Override
    default ResultSet getProcedures(String a0, String a1, String a2) throws SQLException {
        return delegate().getProcedures(a0, a1, a2);
    }

    @Override
    default ResultSet getPseudoColumns(String a0, String a1, String a2, String a3) throws SQLException {
        return delegate().getPseudoColumns(a0, a1, a2, a3);
    }

    @Override
    default int getResultSetHoldability() throws SQLException {
        return delegate().getResultSetHoldability();
    }

    @Override
    default RowIdLifetime getRowIdLifetime() throws SQLException {
        return delegate().getRowIdLifetime();
    }

    @Override
    default String getSQLKeywords() throws SQLException {
        return delegate().getSQLKeywords();
    }

    @Override
    default int getSQLStateType() throws SQLException {
        return delegate().getSQLStateType();
    }

    @Override
    default String getSchemaTerm() throws SQLException {
        return delegate().getSchemaTerm();
    }

    @Override
    default ResultSet getSchemas() throws SQLException {
        return delegate().getSchemas();
    }

    @Override
    default ResultSet getSchemas(String a0, String a1) throws SQLException {
        return delegate().getSchemas(a0, a1);
    }

    @Override
    default String getSearchStringEscape() throws SQLException {
        return delegate().getSearchStringEscape();
    }

    @Override
    default String getStringFunctions() throws SQLException {
        return delegate().getStringFunctions();
    }

    @Override
    default ResultSet getSuperTables(String a0, String a1, String a2) throws SQLException {
        return delegate().getSuperTables(a0, a1, a2);
    }

    @Override
    default ResultSet getSuperTypes(String a0, String a1, String a2) throws SQLException {
        return delegate().getSuperTypes(a0, a1, a2);
    }

    @Override
    default String getSystemFunctions() throws SQLException {
        return delegate().getSystemFunctions();
    }

    @Override
    default ResultSet getTablePrivileges(String a0, String a1, String a2) throws SQLException {
        return delegate().getTablePrivileges(a0, a1, a2);
    }

    @Override
    default ResultSet getTableTypes() throws SQLException {
        return delegate().getTableTypes();
    }

    @Override
    default ResultSet getTables(String a0, String a1, String a2, String[] a3) throws SQLException {
        return delegate().getTables(a0, a1, a2, a3);
    }

    @Override
    default String getTimeDateFunctions() throws SQLException {
        return delegate().getTimeDateFunctions();
    }

    @Override
    default ResultSet getTypeInfo() throws SQLException {
        return delegate().getTypeInfo();
    }

    @Override
    default ResultSet getUDTs(String a0, String a1, String a2, int[] a3) throws SQLException {
        return delegate().getUDTs(a0, a1, a2, a3);
    }

    @Override
    default String getURL() throws SQLException {
        return delegate().getURL();
    }

    @Override
    default String getUserName() throws SQLException {
        return delegate().getUserName();
    }

    @Override
    default ResultSet getVersionColumns(String a0, String a1, String a2) throws SQLException {
        return delegate().getVersionColumns(a0, a1, a2);
    }

    @Override
    default boolean insertsAreDetected(int a0) throws SQLException {
        return delegate().insertsAreDetected(a0);
    }

    @Override
    default boolean isCatalogAtStart() throws SQLException {
        return delegate().isCatalogAtStart();
    }

    @Override
    default boolean isReadOnly() throws SQLException {
        return delegate().isReadOnly();
    }

    @Override
    default boolean locatorsUpdateCopy() throws SQLException {
        return delegate().locatorsUpdateCopy();
    }

    @Override
    default boolean nullPlusNonNullIsNull() throws SQLException {
        return delegate().nullPlusNonNullIsNull();
    }

    @Override
    default boolean nullsAreSortedAtEnd() throws SQLException {
        return delegate().nullsAreSortedAtEnd();
    }

    @Override
    default boolean nullsAreSortedAtStart() throws SQLException {
        return delegate().nullsAreSortedAtStart();
    }

    @Override
    default boolean nullsAreSortedHigh() throws SQLException {
        return delegate().nullsAreSortedHigh();
    }

    @Override
    default boolean nullsAreSortedLow() throws SQLException {
        return delegate().nullsAreSortedLow();
    }

    @Override
    default boolean othersDeletesAreVisible(int a0) throws SQLException {
        return delegate().othersDeletesAreVisible(a0);
    }

    @Override
    default boolean othersInsertsAreVisible(int a0) throws SQLException {
        return delegate().othersInsertsAreVisible(a0);
    }

    @Override
    default boolean othersUpdatesAreVisible(int a0) throws SQLException {
        return delegate().othersUpdatesAreVisible(a0);
    }

    @Override
    default boolean ownDeletesAreVisible(int a0) throws SQLException {
        return delegate().ownDeletesAreVisible(a0);
    }

    @Override
    default boolean ownInsertsAreVisible(int a0) throws SQLException {
        return delegate().ownInsertsAreVisible(a0);
    }

    @Override
    default boolean ownUpdatesAreVisible(int a0) throws SQLException {
        return delegate().ownUpdatesAreVisible(a0);
    }

    @Override
    default boolean storesLowerCaseIdentifiers() throws SQLException {
        return delegate().storesLowerCaseIdentifiers();
    }

    @Override
    default boolean storesLowerCaseQuotedIdentifiers() throws SQLException {
        return delegate().storesLowerCaseQuotedIdentifiers();
    }

    @Override
    default boolean storesMixedCaseIdentifiers() throws SQLException {
        return delegate().storesMixedCaseIdentifiers();
    }

    @Override
    default boolean storesMixedCaseQuotedIdentifiers() throws SQLException {
        return delegate().storesMixedCaseQuotedIdentifiers();
    }

    @Override
    default boolean storesUpperCaseIdentifiers() throws SQLException {
        return delegate().storesUpperCaseIdentifiers();
    }

    @Override
    default boolean storesUpperCaseQuotedIdentifiers() throws SQLException {
        return delegate().storesUpperCaseQuotedIdentifiers();
    }

    @Override
    default boolean supportsANSI92EntryLevelSQL() throws SQLException {
        return delegate().supportsANSI92EntryLevelSQL();
    }

    @Override
    default boolean supportsANSI92FullSQL() throws SQLException {
        return delegate().supportsANSI92FullSQL();
    }

    @Override
    default boolean supportsANSI92IntermediateSQL() throws SQLException {
        return delegate().supportsANSI92IntermediateSQL();
    }

    @Override
    default boolean supportsAlterTableWithAddColumn() throws SQLException {
        return delegate().supportsAlterTableWithAddColumn();
    }

    @Override
    default boolean supportsAlterTableWithDropColumn() throws SQLException {
        return delegate().supportsAlterTableWithDropColumn();
    }

    @Override
    default boolean supportsBatchUpdates() throws SQLException {
        return delegate().supportsBatchUpdates();
    }

    @Override
    default boolean supportsCatalogsInDataManipulation() throws SQLException {
        return delegate().supportsCatalogsInDataManipulation();
    }

    @Override
    default boolean supportsCatalogsInIndexDefinitions() throws SQLException {
        return delegate().supportsCatalogsInIndexDefinitions();
    }

    @Override
    default boolean supportsCatalogsInPrivilegeDefinitions() throws SQLException {
        return delegate().supportsCatalogsInPrivilegeDefinitions();
    }

    @Override
    default boolean supportsCatalogsInProcedureCalls() throws SQLException {
        return delegate().supportsCatalogsInProcedureCalls();
    }

    @Override
    default boolean supportsCatalogsInTableDefinitions() throws SQLException {
        return delegate().supportsCatalogsInTableDefinitions();
    }

    @Override
    default boolean supportsColumnAliasing() throws SQLException {
        return delegate().supportsColumnAliasing();
    }

    @Override
    default boolean supportsConvert() throws SQLException {
        return delegate().supportsConvert();
    }

    @Override
    default boolean supportsConvert(int a0, int a1) throws SQLException {
        return delegate().supportsConvert(a0, a1);
    }

    @Override
    default boolean supportsCoreSQLGrammar() throws SQLException {
        return delegate().supportsCoreSQLGrammar();
    }

    @Override
    default boolean supportsCorrelatedSubqueries() throws SQLException {
        return delegate().supportsCorrelatedSubqueries();
    }

    @Override
    default boolean supportsDataDefinitionAndDataManipulationTransactions() throws SQLException {
        return delegate().supportsDataDefinitionAndDataManipulationTransactions();
    }

    @Override
    default boolean supportsDataManipulationTransactionsOnly() throws SQLException {
        return delegate().supportsDataManipulationTransactionsOnly();
    }

    @Override
    default boolean supportsDifferentTableCorrelationNames() throws SQLException {
        return delegate().supportsDifferentTableCorrelationNames();
    }

    @Override
    default boolean supportsExpressionsInOrderBy() throws SQLException {
        return delegate().supportsExpressionsInOrderBy();
    }

    @Override
    default boolean supportsExtendedSQLGrammar() throws SQLException {
        return delegate().supportsExtendedSQLGrammar();
    }

    @Override
    default boolean supportsFullOuterJoins() throws SQLException {
        return delegate().supportsFullOuterJoins();
    }

    @Override
    default boolean supportsGetGeneratedKeys() throws SQLException {
        return delegate().supportsGetGeneratedKeys();
    }

    @Override
    default boolean supportsGroupBy() throws SQLException {
        return delegate().supportsGroupBy();
    }

    @Override
    default boolean supportsGroupByBeyondSelect() throws SQLException {
        return delegate().supportsGroupByBeyondSelect();
    }

    @Override
    default boolean supportsGroupByUnrelated() throws SQLException {
        return delegate().supportsGroupByUnrelated();
    }

    @Override
    default boolean supportsIntegrityEnhancementFacility() throws SQLException {
        return delegate().supportsIntegrityEnhancementFacility();
    }

    @Override
    default boolean supportsLikeEscapeClause() throws SQLException {
        return delegate().supportsLikeEscapeClause();
    }

    @Override
    default boolean supportsLimitedOuterJoins() throws SQLException {
        return delegate().supportsLimitedOuterJoins();
    }

    @Override
    default boolean supportsMinimumSQLGrammar() throws SQLException {
        return delegate().supportsMinimumSQLGrammar();
    }

    @Override
    default boolean supportsMixedCaseIdentifiers() throws SQLException {
        return delegate().supportsMixedCaseIdentifiers();
    }

    @Override
    default boolean supportsMixedCaseQuotedIdentifiers() throws SQLException {
        return delegate().supportsMixedCaseQuotedIdentifiers();
    }

    @Override
    default boolean supportsMultipleOpenResults() throws SQLException {
        return delegate().supportsMultipleOpenResults();
    }

    @Override
    default boolean supportsMultipleResultSets() throws SQLException {
        return delegate().supportsMultipleResultSets();
    }

    @Override
    default boolean supportsMultipleTransactions() throws SQLException {
        return delegate().supportsMultipleTransactions();
    }

    @Override
    default boolean supportsNamedParameters() throws SQLException {
        return delegate().supportsNamedParameters();
    }

    @Override
    default boolean supportsNonNullableColumns() throws SQLException {
        return delegate().supportsNonNullableColumns();
    }

    @Override
    default boolean supportsOpenCursorsAcrossCommit() throws SQLException {
        return delegate().supportsOpenCursorsAcrossCommit();
    }

    @Override
    default boolean supportsOpenCursorsAcrossRollback() throws SQLException {
        return delegate().supportsOpenCursorsAcrossRollback();
    }

    @Override
    default boolean supportsOpenStatementsAcrossCommit() throws SQLException {
        return delegate().supportsOpenStatementsAcrossCommit();
    }

    @Override
    default boolean supportsOpenStatementsAcrossRollback() throws SQLException {
        return delegate().supportsOpenStatementsAcrossRollback();
    }

    @Override
    default boolean supportsOrderByUnrelated() throws SQLException {
        return delegate().supportsOrderByUnrelated();
    }

    @Override
    default boolean supportsOuterJoins() throws SQLException {
        return delegate().supportsOuterJoins();
    }

    @Override
    default boolean supportsPositionedDelete() throws SQLException {
        return delegate().supportsPositionedDelete();
    }

    @Override
    default boolean supportsPositionedUpdate() throws SQLException {
        return delegate().supportsPositionedUpdate();
    }

    @Override
    default boolean supportsRefCursors() throws SQLException {
        return delegate().supportsRefCursors();
    }

    @Override
    default boolean supportsResultSetConcurrency(int a0, int a1) throws SQLException {
        return delegate().supportsResultSetConcurrency(a0, a1);
    }

    @Override
    default boolean supportsResultSetHoldability(int a0) throws SQLException {
        return delegate().supportsResultSetHoldability(a0);
    }

    @Override
    default boolean supportsResultSetType(int a0) throws SQLException {
        return delegate().supportsResultSetType(a0);
    }

    @Override
    default boolean supportsSavepoints() throws SQLException {
        return delegate().supportsSavepoints();
    }

    @Override
    default boolean supportsSchemasInDataManipulation() throws SQLException {
        return delegate().supportsSchemasInDataManipulation();
    }

    @Override
    default boolean supportsSchemasInIndexDefinitions() throws SQLException {
        return delegate().supportsSchemasInIndexDefinitions();
    }

    @Override
    default boolean supportsSchemasInPrivilegeDefinitions() throws SQLException {
        return delegate().supportsSchemasInPrivilegeDefinitions();
    }

    @Override
    default boolean supportsSchemasInProcedureCalls() throws SQLException {
        return delegate().supportsSchemasInProcedureCalls();
    }

    @Override
    default boolean supportsSchemasInTableDefinitions() throws SQLException {
        return delegate().supportsSchemasInTableDefinitions();
    }

    @Override
    default boolean supportsSelectForUpdate() throws SQLException {
        return delegate().supportsSelectForUpdate();
    }

    @Override
    default boolean supportsSharding() throws SQLException {
        return delegate().supportsSharding();
    }

    @Override
    default boolean supportsStatementPooling() throws SQLException {
        return delegate().supportsStatementPooling();
    }

    @Override
    default boolean supportsStoredFunctionsUsingCallSyntax() throws SQLException {
        return delegate().supportsStoredFunctionsUsingCallSyntax();
    }

    @Override
    default boolean supportsStoredProcedures() throws SQLException {
        return delegate().supportsStoredProcedures();
    }

    @Override
    default boolean supportsSubqueriesInComparisons() throws SQLException {
        return delegate().supportsSubqueriesInComparisons();
    }

    @Override
    default boolean supportsSubqueriesInExists() throws SQLException {
        return delegate().supportsSubqueriesInExists();
    }

    @Override
    default boolean supportsSubqueriesInIns() throws SQLException {
        return delegate().supportsSubqueriesInIns();
    }

    @Override
    default boolean supportsSubqueriesInQuantifieds() throws SQLException {
        return delegate().supportsSubqueriesInQuantifieds();
    }

    @Override
    default boolean supportsTableCorrelationNames() throws SQLException {
        return delegate().supportsTableCorrelationNames();
    }

    @Override
    default boolean supportsTransactionIsolationLevel(int a0) throws SQLException {
        return delegate().supportsTransactionIsolationLevel(a0);
    }

    @Override
    default boolean supportsTransactions() throws SQLException {
        return delegate().supportsTransactions();
    }

    @Override
    default boolean supportsUnion() throws SQLException {
        return delegate().supportsUnion();
    }

    @Override
    default boolean supportsUnionAll() throws SQLException {
        return delegate().supportsUnionAll();
    }

    @Override
    default boolean updatesAreDetected(int a0) throws SQLException {
        return delegate().updatesAreDetected(a0);
    }

    @Override
    default boolean usesLocalFilePerTable() throws SQLException {
        return delegate().usesLocalFilePerTable();
    }

    @Override
    default boolean usesLocalFiles() throws SQLException {
        return delegate().usesLocalFiles();
    }
}
