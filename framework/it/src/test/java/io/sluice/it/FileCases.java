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
                        "drop.items: delivery rejected:", "items.csv.gz cannot be read as csv in UTF-8",
                        "EOFException: Unexpected end of input stream", "ask the sender for a corrected delivery"),
                drop("a .gz file that is not gzip", "items/items.csv.gz", text(ITEMS), 3,
                        "drop.items: delivery rejected:", "items.csv.gz", "not a gzip file"),
                // issue 16: garbage used to be read as rows and rejected one by one (exit 4); bytes that are not
                // the declared encoding now refuse the whole file
                drop("binary garbage named .csv", "items/items.csv", garbage(4096, 7), 3,
                        "drop.items: delivery rejected:", "items.csv cannot be read as csv in UTF-8: bytes at offset",
                        "are not valid UTF-8"),
                drop("binary garbage inside gzip", "items/items.csv.gz", gzipBytes(garbage(4096, 11)), 3,
                        "drop.items: delivery rejected:", "items.csv.gz", "are not valid UTF-8"),
                drop("UTF-16 text where UTF-8 is declared", "items/items.csv",
                        text(ITEMS.replace("bolt", "bölt"), StandardCharsets.UTF_16), 3,
                        "drop.items: delivery rejected:", "items.csv cannot be read as csv in UTF-8",
                        "it starts with a UTF-16 byte-order mark, but the extract declares UTF-8;"
                                + " declare 'encoding: UTF-16' in the extract"),
                // issue 16: the rows that happened to decode used to be published; the file is now refused whole
                drop("Latin-1 bytes where UTF-8 is declared", "items/items.csv",
                        text("id,name,amount\n1,Schraube groß,0.10\n2,écrou,0.05\n", StandardCharsets.ISO_8859_1), 3,
                        "drop.items: delivery rejected:", "items.csv cannot be read as csv in UTF-8: bytes at offset 29"
                                + " are not valid UTF-8 (malformed input of 1 byte(s)), on line 2"),
                // issue 16: Spark's CSV reader took a leading NUL for a comment, and the run failed with exit 1
                drop("a line starting with a NUL byte", "items/items.csv",
                        text("id,name,amount\n1,bolt,0.10\n\u00002,nut,0.05\n3,washer,0.02\n"), 0,
                        "drop.items", "PUBLISHED", "3         2         1"),
                // issue 16: line mode split the quoted field and published fragments
                drop("a quoted field spanning lines", "items/items.csv",
                        text("id,name,amount\n1,\"bolt\nlong\",0.10\n2,nut,0.05\n"), 0,
                        "drop.items", "PUBLISHED", "2         2         0"),
                // issue 16: the stray quotes were published as part of the value
                drop("a bare quote inside a quoted field", "items/items.csv",
                        text("id,name,amount\n1,\"the \"big\" bolt\",0.10\n2,nut,0.05\n3,washer,0.02\n"), 0,
                        "drop.items", "PUBLISHED", "3         2         1"),
                // issue 16: a charset the JVM knows but Spark's CSV reader did not failed the run with exit 1
                new Case("file", "a national charset the JVM knows (EUC-JP)", Base.DROP, c -> {
                    c.edit(BadInputs.DROP_FILE, t -> t.replace("format: csv, header: true }",
                            "format: csv, header: true, encoding: EUC-JP }"));
                    c.write("landing/items/items.csv", text("id,name,amount\n1,\u30dc\u30eb\u30c8,0.10\n",
                            java.nio.charset.Charset.forName("EUC-JP")));
                }, List.of(), 0, List.of("drop.items", "PUBLISHED", "1         1         0")),
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
