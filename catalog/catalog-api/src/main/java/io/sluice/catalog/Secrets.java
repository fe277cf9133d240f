package io.sluice.catalog;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps credentials out of the catalog. Locations with credentials are refused (the caller has a bug to fix);
 * free text such as error messages and SQL is redacted, because drivers like to quote the URL they failed on.
 */
public final class Secrets {
    /** {@code scheme://user:password@host}; {@code abfss://container@account} has no colon and is fine. */
    private static final Pattern USERINFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://)([^/@\\s:]+):([^/@\\s]+)@");

    /** {@code password=…}, {@code sig=…} (SAS tokens), {@code AccountKey=…}, … in query strings or JDBC options. */
    private static final Pattern PARAMETER = Pattern.compile(
            "(?i)(?<![A-Za-z0-9])(password|passwd|pwd|secret|client_secret|token|access_token|sig|accountkey"
                    + "|account_key|sharedaccesskey|apikey|api_key)=([^&;,\\s]+)");

    private static final String MASK = "***";

    private Secrets() {
    }

    /** {@code text} with every password-like part replaced by {@code ***}. */
    public static String redact(String text) {
        Objects.requireNonNull(text, "text");
        String withoutUserinfo = USERINFO.matcher(text).replaceAll(m ->
                Matcher.quoteReplacement(m.group(1) + m.group(2) + ":" + MASK + "@"));
        return PARAMETER.matcher(withoutUserinfo).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + "=" + MASK));
    }

    /** Whether {@code text} holds a password-like part that {@link #redact} would hide. */
    public static boolean containsSecret(String text) {
        return USERINFO.matcher(text).find() || PARAMETER.matcher(text).find();
    }

    /**
     * Refuses a value that would store a credential.
     *
     * @param what  what the value is, for the message (e.g. {@code valid.dealer_dw.sales location})
     * @param value the value to check
     * @throws CatalogException with code {@code CATALOG_SECRET_REFUSED}, showing the value redacted
     */
    public static void requireNoSecret(String what, String value) {
        if (USERINFO.matcher(value).find()) {
            throw CatalogErrors.secretRefused(what, redact(value), "a user:password@ part");
        }
        Matcher parameter = PARAMETER.matcher(value);
        if (parameter.find()) {
            throw CatalogErrors.secretRefused(what, redact(value), "a '" + parameter.group(1) + "=' parameter");
        }
    }
}
