/**
 * The Unity Catalog exporter: {@link io.sluice.catalog.unity.UnityTables} maps the lake's valid, error and refined
 * Delta tables to Unity Catalog external tables, {@link io.sluice.catalog.unity.UnitySink} creates and updates them
 * when runs complete.
 */
package io.sluice.catalog.unity;
