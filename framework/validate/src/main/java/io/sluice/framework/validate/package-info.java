/** Compiles a dataset's declared schema and rules into Spark column expressions. */
package io.sluice.framework.validate;
