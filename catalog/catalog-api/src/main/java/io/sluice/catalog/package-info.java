/** The catalog API: assets, runs and lineage of a lake, with no dependency on Spark. */
package io.sluice.catalog;
