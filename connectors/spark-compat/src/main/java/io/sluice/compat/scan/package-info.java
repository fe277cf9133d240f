/** How Spark plans the tasks of a file scan: which splits of which files each task reads. */
package io.sluice.compat.scan;
