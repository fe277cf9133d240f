/**
 * Everything Sluice uses of Spark's and Delta's internals, behind small Java facades: Delta transactions and
 * snapshots ({@code io.sluice.compat.delta}), Spark's file writer and scans, Catalyst plans. No other module may
 * import {@code org.apache.spark.sql.delta}, {@code org.apache.spark.sql.catalyst}, {@code
 * org.apache.spark.sql.execution}, {@code org.apache.spark.sql.internal} or {@code org.apache.spark.sql.classic}
 * ({@code PackageRulesTest} enforces it). The tests of this module pin each behaviour relied on, so that an upgrade
 * of Spark or Delta fails here first.
 */
package io.sluice.compat;
