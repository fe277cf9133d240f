package io.sluice.connector.feed;

import java.util.Locale;
import java.util.regex.Pattern;

/** Path joining for storage paths and URIs, and the name patterns of a feed descriptor. */
final class FeedPaths {
    private FeedPaths() {
    }

    static String child(String parent, String name) {
        return trimSlash(parent) + "/" + name;
    }

    static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** The last segment of a path or URI. */
    static String name(String path) {
        String p = trimSlash(path);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /**
     * Uploads in progress ({@code .part}, {@code .tmp}, {@code .crdownload}, {@code .filepart}) and hidden or
     * bookkeeping names ({@code .x}, {@code _x}) are never part of a delivery.
     */
    static boolean isTemporary(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.startsWith("_") || n.startsWith(".") || n.endsWith(".part") || n.endsWith(".tmp")
                || n.endsWith(".crdownload") || n.endsWith(".filepart");
    }

    /**
     * A file name glob as a regular expression: {@code *} any characters, {@code ?} one character,
     * {@code {delivery}} the delivery's name; everything else literal.
     */
    static Pattern glob(String glob, String delivery) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            String token = c == '*' ? ".*" : c == '?' ? "." : null;
            if (token == null && glob.startsWith("{delivery}", i)) {
                token = Pattern.quote(delivery);
                i += "{delivery}".length() - 1;
            }
            if (token == null) {
                literal.append(c);
                continue;
            }
            if (literal.length() > 0) {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            regex.append(token);
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(regex.toString());
    }

    static boolean matches(String glob, String delivery, String name) {
        return glob(glob, delivery).matcher(name).matches();
    }
}
