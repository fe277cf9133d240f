/** The {@code sluice} command. */
package io.sluice.cli;
