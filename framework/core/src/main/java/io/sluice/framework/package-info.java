/** Planning and running sources: land, validate, refine, and run bookkeeping. */
package io.sluice.framework;
