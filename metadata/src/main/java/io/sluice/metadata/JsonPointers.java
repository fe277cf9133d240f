package io.sluice.metadata;

/** RFC 6901 JSON pointers, the one way nodes are addressed in messages and in {@code Origin.lines}. */
public final class JsonPointers {
    private JsonPointers() {
    }

    public static String child(String pointer, String key) {
        return pointer + "/" + key.replace("~", "~0").replace("/", "~1");
    }

    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }

    /** The last segment, unescaped: the field name a pointer ends in. */
    public static String lastSegment(String pointer) {
        return pointer.substring(pointer.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }
}
