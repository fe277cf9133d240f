package io.sluice.catalog.export;

import io.sluice.catalog.CatalogErrors;
import io.sluice.metadata.Origin;
import io.sluice.metadata.References;
import io.sluice.metadata.SluiceException;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An exporter's secret option (a client secret, an API token): accepted only as one {@code ${env:NAME}} or
 * {@code ${secret:name}} reference and resolved where it is used, so that no secret is typed on a command line
 * or written to a configuration file.
 */
public final class SecretOption {
    private static final Pattern ONE_REFERENCE = Pattern.compile("\\$\\{(env|secret):[^}]+}");

    private SecretOption() {
    }

    /**
     * The secret {@code reference} points at.
     *
     * @param option      the option's name, for messages ({@code --purview-client-secret})
     * @param reference   what the user gave
     * @param environment looks up environment variables ({@code System::getenv})
     * @throws io.sluice.catalog.CatalogException {@code CATALOG_BAD_ARGUMENT} when the value is not one reference
     * @throws io.sluice.metadata.SluiceException {@code REFERENCE_UNSET} when the variable is not set
     */
    public static String resolve(String option, String reference, Function<String, String> environment) {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(environment, "environment");
        if (reference == null || !ONE_REFERENCE.matcher(reference.strip()).matches()) {
            throw CatalogErrors.exportSecretNotReference(option);
        }
        try {
            return References.resolve(reference.strip(), environment, Origin.unknown(option), "");
        } catch (SluiceException e) {
            // the message locates a descriptor line ("<file>:0: /: …"); an option has none
            String located = option + ":0: /: ";
            String message = String.valueOf(e.getMessage());
            throw new SluiceException(e.errorCode(), option + ": "
                    + (message.startsWith(located) ? message.substring(located.length()) : message), e);
        }
    }
}
