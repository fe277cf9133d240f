package io.sluice.it;

import static io.sluice.it.BadInputs.EXAMPLE_FILE;
import static io.sluice.it.BadInputs.descriptor;

import io.sluice.it.BadInputs.Base;
import io.sluice.it.BadInputs.Case;
import java.util.List;

/** Bad descriptors: YAML/JSON syntax, schema violations, semantic errors, names that could escape the lake. */
final class DescriptorCases {
    private DescriptorCases() {
    }

    static List<Case> all() {
        String f = EXAMPLE_FILE + ":";
        return List.of(
                descriptor("YAML: a block entry indented wrongly", t -> t.replace("  - { name: name, type: string, nullable: false, max_length: 60 }",
                        "   - { name: name, type: string, nullable: false, max_length: 60 }"), f, "YAML syntax error"),
                descriptor("YAML: an unclosed quote", t -> t.replace("path: \"stores/*.csv\"", "path: \"stores/*.csv"),
                        f, "YAML syntax error"),
                descriptor("YAML: a tab for indentation", t -> t.replace("schema:\n  - { name: store_id", "schema:\n\t- { name: store_id"),
                        f, "YAML syntax error"),
                descriptor("YAML: a field written twice", t -> t.replace("valid: { mode: merge }", "valid: { mode: merge }\nvalid: { mode: append }"),
                        f, "/valid: duplicate field 'valid'"),
                new Case("descriptor", "JSON: a syntax error in a .json descriptor", Base.EXAMPLE,
                        c -> c.write("descriptors/extra.json", "{\"kind\": \"refined\", \"name\": \"x\",, \"inputs\": []}"),
                        List.of(), 2, List.of("descriptors/extra.json:1", "JSON syntax error")),
                descriptor("schema: a document without kind", t -> t.replace(
                        "---\nkind: dataset\nname: web_events", "---\nname: web_events"), f, "missing required field 'kind'"),
                descriptor("schema: an unknown kind", t -> t.replace("kind: source", "kind: sorce"),
                        f, "/kind: unknown kind 'sorce'", "did you mean 'source'?"),
                descriptor("schema: a misspelt field", t -> t.replace("description: One row per dealership.", "descripton: One row per dealership."),
                        f, "/descripton: unknown field 'descripton'", "did you mean 'description'?"),
                descriptor("schema: an unknown column type", t -> t.replace("{ name: opened_on, type: date }", "{ name: opened_on, type: daet }"),
                        f, "/schema/3/type: unknown type 'daet'"),
                descriptor("schema: an unknown write mode", t -> t.replace("valid: { mode: merge }", "valid: { mode: upsert }"),
                        f, "/valid/mode: unknown value 'upsert'"),
                descriptor("schema: max_ratio above 1", t -> t.replace("error: { max_ratio: 0.5 }", "error: { max_ratio: 1.5 }"),
                        f, "/error/max_ratio: must be a share between 0 and 1", "found 1.5"),
                descriptor("schema: a boolean that is not one", t -> t.replace("{ name: store_id, type: int, key: true,", "{ name: store_id, type: int, key: yes please,"),
                        f, "/schema/0/key: expected true or false, found 'yes please'"),
                descriptor("schema: tags as a string", t -> t.replace("tags: [reference]", "tags: reference"),
                        f, "/tags: expected a list, found 'reference'"),
                descriptor("semantic: merge without a key column", t -> t.replace("{ name: store_id, type: int, key: true, description: Dealership number }",
                        "{ name: store_id, type: int, description: Dealership number }"), f, "/valid/mode: mode merge needs key columns"),
                descriptor("semantic: a dataset of an unknown source", t -> t.replace("name: web_events\nsource: dealer_files", "name: web_events\nsource: dealer_file"),
                        f, "/source: unknown source 'dealer_file'", "did you mean 'dealer_files'?"),
                descriptor("semantic: a rule on an unknown column", t -> t.replace("sql: \"price < 500000\"", "sql: \"prise < 500000\""),
                        f, "rule 'price_sane' uses unknown column 'prise'"),
                descriptor("semantic: an invalid regular expression", t -> t.replace("pattern: \"^[A-HJ-NPR-Z0-9]{17}$\"", "pattern: \"^[A-HJ-NPR-Z0-9{17}$\""),
                        f, "/schema/0/pattern: invalid regular expression"),
                descriptor("semantic: min above max", t -> t.replace("{ name: model_year, type: int, min: 1990, max: 2027 }", "{ name: model_year, type: int, min: 2027, max: 1990 }"),
                        f, "max 1990 is below min 2027"),
                descriptor("semantic: two columns with one name", t -> t.replace("{ name: make, type: string, nullable: false }", "{ name: Model, type: string, nullable: false }"),
                        f, "duplicate column 'model'"),
                descriptor("semantic: a literal password", t -> t.replace("connection:\n  landing: landing", "connection:\n  landing: landing\n  password: hunter2"),
                        f, "'password' holds a literal value"),
                descriptor("semantic: a malformed reference", t -> t.replace("landing: landing", "landing: \"${envv:LANDING}\""),
                        f, "invalid reference '${envv:LANDING}'"),
                descriptor("semantic: an unknown connector", t -> t.replace("connector: files", "connector: filez"),
                        f, "unknown connector 'filez'"),
                new Case("descriptor", "semantic: refined inputs that do not exist", Base.EXAMPLE,
                        c -> c.edit("descriptors/refined.yaml", t -> t.replace("inputs: [dealer_files.inventory, dealer_files.stores]",
                                "inputs: [dealer_files.inventori, dealer_files.stores]")),
                        List.of(), 2, List.of("descriptors/refined.yaml:", "unknown input 'dealer_files.inventori'")),
                new Case("descriptor", "semantic: refined datasets in a cycle", Base.EXAMPLE,
                        c -> c.write("descriptors/cycle.yaml", "kind: refined\nname: a\ninputs: [b]\nsql: SELECT * FROM b\n---\n"
                                + "kind: refined\nname: b\ninputs: [a]\nsql: SELECT * FROM a\n"),
                        List.of(), 2, List.of("descriptors/cycle.yaml:", "refined datasets form a cycle: a -> b -> a")),
                new Case("descriptor", "semantic: refined SQL that does not run", Base.DROP, c -> {
                    c.write("landing/items/items.csv", BadInputs.ITEMS);
                    c.write("descriptors/refined.yaml", "kind: refined\nname: item_totals\ninputs: [drop.items]\n"
                            + "sql: SELECT nam, sum(amount) AS total FROM items GROUP BY nam\n");
                }, List.of(), 2, List.of("descriptors/refined.yaml:4: /sql: the query does not run", "nam",
                        "(inputs are known as: items)")).allowingTablesIn("valid", "error"),
                descriptor("name: a dataset named ../etc", t -> t.replace("name: stores\nsource", "name: ../etc\nsource"),
                        f, "/name: invalid name '../etc'"),
                descriptor("name: a source named with an absolute path", t -> t.replace("name: dealer_files\nconnector", "name: /tmp/evil\nconnector"),
                        f, "/name: invalid name '/tmp/evil'"),
                descriptor("name: a dataset name with spaces and a semicolon", t -> t.replace("name: inventory\nsource", "name: \"inv; DROP TABLE x\"\nsource"),
                        f, "/name: invalid name 'inv; DROP TABLE x'"),
                descriptor("name: a non-ASCII dataset name", t -> t.replace("name: web_events\nsource", "name: wéb_events\nsource"),
                        f, "/name: invalid name 'wéb_events'"),
                descriptor("name: a column name with a backtick", t -> t.replace("{ name: make, type: string, nullable: false }", "{ name: \"make`x\", type: string, nullable: false }"),
                        f, "invalid column name 'make`x'"),
                new Case("descriptor", "name: a refined input that walks up folders", Base.EXAMPLE,
                        c -> c.edit("descriptors/refined.yaml", t -> t.replace("inputs: [dealer_files.inventory, dealer_files.stores]",
                                "inputs: [dealer_files.inventory, ../stores]")),
                        List.of(), 2, List.of("descriptors/refined.yaml:", "invalid input '../stores'")),
                descriptor("path: a landing glob that leaves the landing folder", t -> t.replace("path: \"stores/*.csv\"", "path: \"../../../etc/*.conf\""),
                        f, "/extract/path"),
                descriptor("path: an absolute landing glob", t -> t.replace("path: \"stores/*.csv\"", "path: \"/etc/*.conf\""),
                        f, "/extract/path"));
    }
}
