/**
 * {@code tandem lint}: how the application's statements would fare in each phase of a migration, decided by the
 * driver's own planner ({@link dev.tandem.plan.StatementPlanner}) and routing ({@link dev.tandem.execution.Routing}),
 * from a SQL file or from the database's statement statistics.
 */
package dev.tandem.lint;
