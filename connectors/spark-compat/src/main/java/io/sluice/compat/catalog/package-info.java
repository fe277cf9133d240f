/** The catalogs configured in a Spark session. */
package io.sluice.compat.catalog;
