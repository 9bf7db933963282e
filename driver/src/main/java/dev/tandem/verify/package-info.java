/**
 * {@code tandem verify}: compares a migration's new structure with what its rules derive from the old one, in
 * key-range chunks, with the shadow compare's normalisation; {@link dev.tandem.verify.Verify} runs it and returns a
 * {@link dev.tandem.verify.VerifyReport}.
 */
package dev.tandem.verify;
