/**
 * Old-structure usage by caller, the contract oracle: which code still sends SQL naming a migration's {@code from},
 * counted per migration since the instance applied the current state version, sampled by caller, metered as
 * {@code tandem.legacy.statements} and flushed with the heartbeat into {@code tandem_instances.usage}.
 */
package dev.tandem.usage;
