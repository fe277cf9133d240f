package io.sluice.it;

import static io.sluice.it.BadInputs.CRM_FILE;

import io.sluice.it.BadInputs.Base;
import io.sluice.it.BadInputs.Case;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;

/** Unreachable and refusing databases, missing tables and secrets; unusable lakes and project settings. */
final class SourceAndConfigCases {
    /** The role the corpus's database cases log in as; its password is SLUICE_SECRET_IT_PG (framework/it/pom.xml). */
    static final String ROLE = "sluice_it";

    private SourceAndConfigCases() {
    }

    static List<Case> all() {
        int closed = closedPort();
        return List.of(
                crm("unreachable: nothing listens on the port", c -> BadInputs.crm(closed, ROLE, "${secret:it_pg}", "customers"), 3,
                        "source 'crm' is unreachable at jdbc:postgresql://127.0.0.1:" + closed + "/postgres",
                        "check the host and port"),
                crm("unreachable: an unknown host", c -> BadInputs.crm(c.pgPort(), ROLE, "${secret:it_pg}", "customers")
                        .replace("127.0.0.1", "no-such-host.invalid"), 3, "source 'crm' is unreachable at jdbc:postgresql://no-such-host.invalid:"),
                crm("credentials: a wrong password", c -> BadInputs.crm(c.pgPort(), ROLE, "${secret:it_pg_wrong}", "customers"), 3,
                        "source 'crm' refused the login of user 'sluice_it'", "check connection.user and the password ${secret:it_pg_wrong} refers to"),
                crm("credentials: an unknown user", c -> BadInputs.crm(c.pgPort(), "nobody_here", "${secret:it_pg}", "customers"), 3,
                        "source 'crm' refused the login of user 'nobody_here'"),
                crm("table: the extract's table does not exist", c -> BadInputs.crm(c.pgPort(), ROLE, "${secret:it_pg}", "public.nope"), 3,
                        "table public.nope of dataset 'customers' does not exist or is not visible to user 'sluice_it'"),
                crm("table: a table the user may not read", c -> BadInputs.crm(c.pgPort(), ROLE, "${secret:it_pg}", "public.payroll"), 3,
                        "source 'crm': reading dataset 'customers' failed (SQLState 42501): ERROR: permission denied for table payroll"),
                crm("secret: the secret's variable is not set", c -> BadInputs.crm(c.pgPort(), ROLE, "${secret:it_pg_missing}", "customers"), 2,
                        "environment variable SLUICE_SECRET_IT_PG_MISSING (secret it_pg_missing) is not set"),
                config("configuration: the lake is below a regular file", c -> {
                    c.write("blocker", "not a folder");
                    c.write("sluice.yaml", "lake: blocker/lake\n");
                }, 3, "blocker/lake"),
                config("configuration: the lake cannot be created", c -> c.write("sluice.yaml", "lake: /proc/sluice-it-lake\n"),
                        3, "/proc/sluice-it-lake"),
                config("configuration: sluice.yaml names an unset variable", c -> c.write("sluice.yaml", "lake: \"${env:SLUICE_IT_NO_SUCH_LAKE}\"\n"),
                        2, "sluice.yaml:1", "/lake", "environment variable SLUICE_IT_NO_SUCH_LAKE is not set"),
                config("configuration: a descriptor names an unset variable", c -> c.edit(BadInputs.EXAMPLE_FILE,
                        t -> t.replace("landing: landing", "landing: \"${env:SLUICE_IT_NO_LANDING}\"")), 2,
                        "environment variable SLUICE_IT_NO_LANDING is not set"),
                config("configuration: sluice.yaml is not YAML", c -> c.write("sluice.yaml", "lake: [lake\n"), 2,
                        "sluice.yaml:", "YAML syntax error"),
                config("configuration: sluice.yaml has an unknown setting", c -> c.write("sluice.yaml", "lake: lake\nlakes: other\n"), 2,
                        "sluice.yaml:2", "unknown field 'lakes'"),
                config("configuration: sluice.yaml holds two documents", c -> c.write("sluice.yaml", "lake: lake\n---\nlake: other\n"), 2,
                        "sluice.yaml holds one document"),
                config("configuration: a remote lake without storage credentials", c -> c.write("sluice.yaml",
                        "lake: abfss://lake@account.dfs.core.windows.net/x\n"), 3,
                        "could not take the run lock abfss://lake@account.dfs.core.windows.net/x/_sluice/locks/source-dealer_files.lock",
                        "Invalid configuration value detected for fs.azure.account.key"),
                config("configuration: the catalog database is unreachable", c -> c.write("sluice.yaml",
                        "lake: lake\ncatalog: { url: \"jdbc:postgresql://127.0.0.1:" + closed + "/catalog?connectTimeout=5\" }\n"), 3,
                        "127.0.0.1:" + closed),
                config("configuration: the descriptor folder does not exist", c -> c.write("sluice.yaml", "lake: lake\ndescriptors: nowhere\n"), 2,
                        "nowhere"),
                config("configuration: the landing folder does not exist", c -> c.edit(BadInputs.EXAMPLE_FILE,
                        t -> t.replace("landing: landing", "landing: no_such_landing")), 3, "no_such_landing",
                        "does not exist; check the source's connection.landing"),
                new Case("configuration", "command: an unknown source", Base.EXAMPLE, c -> { },
                        List.of("run", "--project", "{project}", "--source", "dealer_filez"), 64, List.of("dealer_filez")),
                new Case("configuration", "command: an unknown dataset", Base.EXAMPLE, c -> { },
                        List.of("run", "--project", "{project}", "--source", "dealer_files", "--dataset", "nope"), 64,
                        List.of("source 'dealer_files' has no dataset named 'nope'")),
                new Case("configuration", "command: a run date that is no date", Base.EXAMPLE, c -> { },
                        List.of("run", "--project", "{project}", "--source", "dealer_files", "--run-date", "2026-02-30"), 64,
                        List.of("--run-date", "2026-02-30")),
                new Case("configuration", "command: a project folder that does not exist", Base.EXAMPLE, c -> { },
                        List.of("run", "--project", "{project}/missing", "--source", "dealer_files"), 2,
                        List.of("descriptor folder descriptors does not exist (create it, or set descriptors: in sluice.yaml)")));
    }

    private static Case crm(String name, java.util.function.Function<BadInputs.Context, String> descriptor, int exitCode,
                            String... message) {
        return new Case("source", name, Base.CRM, c -> c.write(CRM_FILE, descriptor.apply(c)), List.of(), exitCode,
                List.of(message));
    }

    private static Case config(String name, BadInputs.Setup setup, int exitCode, String... message) {
        return new Case("configuration", name, Base.EXAMPLE, setup, List.of(), exitCode, List.of(message));
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
