package io.sluice.it;

import static io.sluice.it.BadInputs.ITEMS;
import static io.sluice.it.BadInputs.drop;
import static io.sluice.it.BadInputs.garbage;
import static io.sluice.it.BadInputs.gzip;
import static io.sluice.it.BadInputs.text;
import static io.sluice.it.BadInputs.truncated;

import io.sluice.it.BadInputs.Base;
import io.sluice.it.BadInputs.Case;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Bad deliveries: empty, truncated, garbage, wrongly encoded files, and files whose header changed. */
final class FileCases {
    private FileCases() {
    }

    static List<Case> all() {
        return List.of(
                drop("an empty file (0 bytes): nothing to ingest", "items/items.csv", new byte[0], 0,
                        "drop.items                   PUBLISHED                  0         0         0"),
                drop("a truncated gzip file", "items/items.csv.gz", truncated(gzip(ITEMS.repeat(50))), 3,
                        "drop.items: a landed file is not readable csv", "items.csv.gz",
                        "EOFException: Unexpected end of input stream", "replace the delivery with a sound file"),
                drop("a .gz file that is not gzip", "items/items.csv.gz", text(ITEMS), 3,
                        "drop.items: a landed file is not readable csv", "items.csv.gz", "not a gzip file"),
                drop("binary garbage named .csv", "items/items.csv", garbage(4096, 7), 4, "drop.items:",
                        "rows rejected", "above error.max_ratio 0.5"),
                drop("binary garbage inside gzip", "items/items.csv.gz", gzipBytes(garbage(4096, 11)), 4, "drop.items:",
                        "rows rejected"),
                drop("UTF-16 text where UTF-8 is declared", "items/items.csv",
                        text(ITEMS.replace("bolt", "bölt"), StandardCharsets.UTF_16), 3,
                        "drop.items: a landed file is not readable csv", "items.csv",
                        "it starts with a UTF-16 byte-order mark, but the extract declares UTF-8;"
                                + " declare 'encoding: UTF-16' with 'multiline: true' in the extract"),
                drop("Latin-1 bytes where UTF-8 is declared", "items/items.csv",
                        text("id,name,amount\n1,Schraube groß,0.10\n2,écrou,0.05\n", StandardCharsets.ISO_8859_1), 4,
                        "drop.items: 2 of 2 rows rejected", "above error.max_ratio 0.5"),
                drop("the header renamed a column", "items/items.csv",
                        text("id,label,amount\n1,bolt,0.10\n2,nut,0.05\n"), 4,
                        "dataset drop.items: declared columns missing from the source, every row will be rejected: [name]"),
                drop("the header lost a column", "items/items.csv", text("id,name\n1,bolt\n2,nut\n"), 4,
                        "dataset drop.items: declared columns missing from the source, every row will be rejected: [amount]"),
                drop("the header gained a column", "items/items.csv",
                        text("id,name,amount,colour\n1,bolt,0.10,red\n2,nut,0.05,blue\n"), 0,
                        "dataset drop.items: source columns not declared in descriptors/drop.yaml: [colour] (drift: rescue)"),
                drop("no header at all", "items/items.csv", text("1,bolt,0.10\n2,nut,0.05\n"), 4,
                        "dataset drop.items: declared columns missing from the source, every row will be rejected: [id, name, amount]"),
                drop("every row fails its types", "items/items.csv",
                        text("id,name,amount\none,bolt,cheap\ntwo,nut,free\n"), 4, "drop.items: 2 of 2 rows rejected",
                        "above error.max_ratio 0.5"),
                new Case("file", "JSON lines that are not JSON", Base.DROP, c -> {
                    c.edit(BadInputs.DROP_FILE, t -> t + """
                            ---
                            kind: dataset
                            name: events
                            source: drop
                            extract: { path: "events/*.jsonl", format: json }
                            error: { max_ratio: 0.1 }
                            schema:
                              - { name: id, type: string, key: true }
                              - { name: at, type: timestamp, nullable: false }
                            """);
                    c.write("landing/events/e.jsonl", "this is not json\n{\"id\": \"1\"\n<xml/>\n");
                }, List.of("run", "--project", "{project}", "--source", "drop", "--dataset", "events"), 4,
                        List.of("drop.events: 3 of 3 rows rejected", "above error.max_ratio 0.1")),
                new Case("file", "a Parquet file that is garbage", Base.DROP, c -> {
                    c.edit(BadInputs.DROP_FILE, t -> t + """
                            ---
                            kind: dataset
                            name: facts
                            source: drop
                            extract: { path: "facts/*.parquet" }
                            schema:
                              - { name: id, type: long, key: true }
                            """);
                    c.write("landing/facts/f.parquet", garbage(2048, 3));
                }, List.of("run", "--project", "{project}", "--source", "drop", "--dataset", "facts"), 3,
                        List.of("drop.facts:", "f.parquet")));
    }

    private static byte[] gzipBytes(byte[] content) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(bytes)) {
            gz.write(content);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
