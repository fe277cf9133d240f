package io.sluice.metadata.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The syntax of {@code ${env:NAME}} and {@code ${secret:name}} references, shared by loading and resolving. */
public final class ReferenceSyntax {
    /** A well-formed reference; group 1 is {@code env} or {@code secret}, group 2 the name. */
    public static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|secret):([A-Za-z_][A-Za-z0-9_.-]*)}");

    private static final Pattern OPENING = Pattern.compile("\\$\\{[^}]*}?");

    private ReferenceSyntax() {
    }

    /** Every {@code ${…}} in {@code value} that is not a well-formed reference, as written. */
    public static List<String> malformed(String value) {
        List<String> out = new ArrayList<>();
        Matcher m = OPENING.matcher(value);
        while (m.find()) {
            if (!REFERENCE.matcher(m.group()).matches()) {
                out.add(m.group());
            }
        }
        return out;
    }

    public static String invalidMessage(String written) {
        return "invalid reference '" + written + "' (write ${env:NAME} or ${secret:name})";
    }

    /** The environment variable that holds {@code ${secret:name}}: {@code SLUICE_SECRET_} + the upper-cased name. */
    public static String secretVariable(String name) {
        return "SLUICE_SECRET_" + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }
}
