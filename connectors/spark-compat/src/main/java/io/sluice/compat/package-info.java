/**
 * Everything Sluice uses of Spark's and Delta's internals, behind small Java facades: Delta transactions and
 * snapshots ({@code io.sluice.compat.delta}), the tasks of Spark's file scans ({@code io.sluice.compat.scan}), the
 * shape of Catalyst plans ({@code io.sluice.compat.plan}), the session's catalogs ({@code io.sluice.compat.catalog}).
 * No other module may import {@code org.apache.spark.sql.delta}, {@code org.apache.spark.sql.catalyst}, {@code
 * org.apache.spark.sql.execution}, {@code org.apache.spark.sql.internal}, {@code org.apache.spark.sql.classic},
 * {@code org.apache.spark.unsafe} or {@code io.delta.kernel.internal} ({@code PackageRulesTest} enforces it), with
 * one exception: the exceptions of {@code org.apache.spark.sql.catalyst.analysis}, which the public
 * {@code TableCatalog} interface declares. The tests of this module pin each behaviour relied on, so that an upgrade
 * of Spark or Delta fails here first.
 */
package io.sluice.compat;
