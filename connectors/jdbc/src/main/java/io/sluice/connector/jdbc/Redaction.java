package io.sluice.connector.jdbc;

/** Makes text from a driver or a URL safe to show: no parameters, no user information, no password. */
final class Redaction {
    private Redaction() {
    }

    /**
     * {@code jdbc:postgresql://host:5432/db?password=x} → {@code jdbc:postgresql://host:5432/db}; parameters
     * ({@code ?…}, {@code ;…}, Teradata's {@code /KEY=…}) and {@code user:pass@} go, since they may hold secrets.
     */
    static String url(String url, String password) {
        String shown = url;
        int cut = indexOfAny(shown, '?', ';');
        if (cut >= 0) {
            shown = shown.substring(0, cut);
        }
        int scheme = shown.indexOf("://");
        if (scheme >= 0) {
            int hostStart = scheme + 3;
            int at = shown.indexOf('@', hostStart);
            if (at >= 0) {
                shown = shown.substring(0, hostStart) + shown.substring(at + 1);
            }
            int slash = shown.indexOf('/', hostStart);
            if (slash >= 0 && shown.indexOf('=', slash) >= 0) {
                shown = shown.substring(0, slash);
            }
        }
        return text(shown, password);
    }

    /** {@code text} on one line, with every occurrence of the password masked. */
    static String text(String text, String password) {
        String line = text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        return password == null || password.isEmpty() ? line : line.replace(password, "***");
    }

    private static int indexOfAny(String s, char a, char b) {
        int i = s.indexOf(a);
        int j = s.indexOf(b);
        return i < 0 ? j : j < 0 ? i : Math.min(i, j);
    }
}
