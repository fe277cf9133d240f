/**
 * Compiles a dataset's declared schema and rules into Spark column expressions.
 *
 * <p>{@link io.sluice.framework.validate.ValidationCompiler#compile} binds the descriptor to a raw schema (unbound
 * rules name columns; binding checks they exist and fit, and every problem is reported at once as a
 * {@link io.sluice.metadata.DescriptorException}). The resulting
 * {@link io.sluice.framework.validate.CompiledValidation} checks a raw DataFrame in two projections, plus one
 * window per unique rule and one left join per rule that reads another dataset's valid table
 * ({@link io.sluice.framework.validate.RuleInputs}; joined to at most one row per key, so no row is added or lost),
 * using Spark built-in functions only: no UDF, no per-row JSON, nothing collected to the driver. Valid and error
 * rows are two filters of the same checked DataFrame, so every raw row lands in exactly one of them; records the
 * connector skipped ({@code _skipped}) are error rows counted apart.
 */
package io.sluice.framework.validate;
