package io.sluice.metadata;

import io.sluice.metadata.internal.ReferenceSyntax;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Resolves {@code ${env:NAME}} and {@code ${secret:name}} references in descriptor values at the moment a value is
 * used, never at load time, so that secrets stay out of descriptor records, the catalog and run reports.
 *
 * <p>{@code ${env:NAME}} reads the environment variable {@code NAME}. {@code ${secret:name}} reads the environment
 * variable {@code SLUICE_SECRET_<NAME>} (the name upper-cased, every character other than a letter or digit
 * replaced by {@code _}), the hand-off point for whatever secret store the scheduler uses. Messages name the
 * variable, never its value.
 */
public final class References {
    private References() {
    }

    /**
     * {@code value} with every reference replaced by its value.
     *
     * @param environment looks up an environment variable; {@code null} when unset (pass {@code System::getenv})
     * @param origin      the document the value comes from, for the message
     * @param pointer     JSON pointer of the value in its document, e.g. {@code /connection/password}
     * @throws SluiceException category {@link ErrorCategory#DESCRIPTOR}: code {@code REFERENCE_UNSET} when a
     *                         variable is not set, {@code REFERENCE_INVALID} when a {@code ${…}} is malformed
     */
    public static String resolve(String value, Function<String, String> environment, Origin origin, String pointer) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(environment, "environment");
        List<String> malformed = ReferenceSyntax.malformed(value);
        if (!malformed.isEmpty()) {
            throw new SluiceException(StandardErrorCode.REFERENCE_INVALID,
                    origin.problem(pointer, ReferenceSyntax.invalidMessage(malformed.get(0))).toString());
        }
        Matcher m = ReferenceSyntax.REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            boolean secret = m.group(1).equals("secret");
            String variable = secret ? ReferenceSyntax.secretVariable(m.group(2)) : m.group(2);
            String resolved = environment.apply(variable);
            if (resolved == null) {
                String what = secret ? "environment variable " + variable + " (secret " + m.group(2) + ")"
                        : "environment variable " + variable;
                throw new SluiceException(StandardErrorCode.REFERENCE_UNSET,
                        origin.problem(pointer, what + " is not set (export it before the run)").toString());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Whether {@code value} holds at least one well-formed {@code ${env:…}} or {@code ${secret:…}} reference. */
    public static boolean containsReference(String value) {
        return value != null && ReferenceSyntax.REFERENCE.matcher(value).find();
    }
}
