package io.sluice.connector.storage.adls;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sluice.connector.storage.StorageSettings;
import io.sluice.metadata.BlockSchema;
import io.sluice.metadata.DescriptorException;
import io.sluice.metadata.JsonPointers;
import io.sluice.metadata.Options;
import io.sluice.metadata.Origin;
import io.sluice.metadata.Problem;
import io.sluice.metadata.ProjectConfig;
import io.sluice.metadata.References;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code azure:} section of {@code sluice.yaml}, bound: how Sluice reaches ADLS Gen2 storage accounts. Spark
 * goes through hadoop-azure's ABFS driver ({@link #sparkConf()}), landing-area operations through the Azure SDK
 * ({@link AzureStorageFactory}). Credentials come from here only, never from descriptors.
 *
 * <pre>
 * azure:
 *   accounts:
 *     mylake: { auth: account-key, key: "${env:MYLAKE_KEY}" }
 *   hadoop: { fs.azure.abfs.endpoint: "127.0.0.1:10000" }   # raw Hadoop keys (emulators, tuning)
 * </pre>
 *
 * @param accounts the storage accounts, in file order
 * @param hadoop   raw Hadoop keys ({@code fs.azure.abfs.endpoint}, …) passed to Spark as {@code spark.hadoop.*}:
 *                 the escape hatch for emulators and tuning
 */
public record AzureSettings(List<AzureAccount> accounts, Map<String, String> hadoop) implements StorageSettings {
    /** The section of {@code sluice.yaml} these settings are bound from. */
    public static final String SECTION = "azure";

    /** No accounts, no Hadoop keys. */
    public static final AzureSettings NONE = new AzureSettings(List.of(), Map.of());

    /** The JSON Schema of the section (wrapped in a document holding only {@code azure}), as a classpath resource. */
    static final String SCHEMA_RESOURCE = "io/sluice/connector/storage/adls/azure.schema.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public AzureSettings {
        accounts = List.copyOf(accounts);
        hadoop = Collections.unmodifiableMap(new LinkedHashMap<>(hadoop));
    }

    /** An account's settings (tests, programmatic set-ups). */
    public static AzureSettings of(AzureAccount... accounts) {
        return new AzureSettings(List.of(accounts), Map.of());
    }

    /**
     * Binds the {@code azure:} section: checks it against its schema and the needs of each account's {@code auth},
     * then resolves references.
     *
     * @throws DescriptorException listing every problem with file, line and field (an account without the fields
     *                             its {@code auth} needs, a field that does not apply, a secret written in clear)
     * @throws io.sluice.metadata.SluiceException code {@code REFERENCE_UNSET} when a referenced variable is unset
     */
    public static AzureSettings bind(Options section, Function<String, String> environment) {
        if (section.values().isEmpty()) {
            return NONE;
        }
        ObjectNode document = MAPPER.createObjectNode();
        document.set(SECTION, MAPPER.valueToTree(section.values()));
        Origin origin = section.origin();
        failIfAny(Schema.VALIDATOR.validate(document, origin));
        JsonNode azure = document.path(SECTION);
        failIfAny(problems(azure, origin));
        Function<String, Optional<String>> text = pointer -> {
            JsonNode node = document.at(pointer);
            return node.isMissingNode() ? Optional.empty()
                    : Optional.of(References.resolve(node.asText(), environment, origin, pointer));
        };
        return read(azure, text);
    }

    /** The account whose dfs host is {@code host} ({@code mylake.dfs.core.windows.net}). */
    public Optional<AzureAccount> account(String host) {
        return accounts.stream().filter(a -> a.host().equalsIgnoreCase(host)).findFirst();
    }

    /**
     * The Hadoop ABFS keys of every account, per account host, as {@code spark.hadoop.*} Spark settings,
     * followed by {@link #hadoop()}.
     */
    @Override
    public Map<String, String> sparkConf() {
        Map<String, String> conf = new LinkedHashMap<>();
        for (AzureAccount a : accounts) {
            a.hadoopConf().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
        }
        hadoop.forEach((k, v) -> conf.put("spark.hadoop." + k, v));
        return conf;
    }

    @Override
    public String toString() {
        return "Azure[accounts=" + accounts + ", hadoop keys=" + hadoop.keySet() + "]";
    }

    private static void failIfAny(List<Problem> problems) {
        if (!problems.isEmpty()) {
            List<Problem> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparing(Problem::file).thenComparingInt(Problem::line));
            throw new DescriptorException(sorted);
        }
    }

    static List<Problem> problems(JsonNode azure, Origin origin) {
        List<Problem> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : azure.path("accounts").properties()) {
            String pointer = JsonPointers.child("/azure/accounts", e.getKey());
            JsonNode account = e.getValue();
            String auth = account.path("auth").asText();
            List<String> needed = switch (auth) {
                case AzureAuth.ACCOUNT_KEY -> List.of("key");
                case AzureAuth.SERVICE_PRINCIPAL -> List.of("tenant-id", "client-id", "client-secret");
                default -> List.of();
            };
            for (String field : needed) {
                if (!account.has(field)) {
                    problems.add(origin.problem(pointer, "auth " + auth + " needs '" + field + "' (see docs/adls.md)"));
                }
            }
            for (String field : List.of("key", "client-secret")) {
                if (account.has(field) && !References.containsReference(account.path(field).asText())) {
                    problems.add(origin.problem(JsonPointers.child(pointer, field), "write the secret as a"
                            + " reference (\"${env:NAME}\" or \"${secret:name}\"), never in " + ProjectConfig.FILE_NAME));
                }
            }
            List<String> unused = new ArrayList<>();
            account.fieldNames().forEachRemaining(f -> {
                if (!f.equals("auth") && !f.equals("endpoint") && !needed.contains(f)
                        && !(auth.equals(AzureAuth.MANAGED_IDENTITY) && f.equals("client-id"))
                        && !(auth.equals(AzureAuth.SERVICE_PRINCIPAL) && f.equals("authority-host"))) {
                    unused.add(f);
                }
            });
            for (String field : unused) {
                problems.add(origin.problem(JsonPointers.child(pointer, field),
                        "'" + field + "' does not apply to auth " + auth + "; remove it"));
            }
        }
        return problems;
    }

    static AzureSettings read(JsonNode azure, Function<String, Optional<String>> text) {
        List<AzureAccount> accounts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : azure.path("accounts").properties()) {
            String pointer = JsonPointers.child("/azure/accounts", e.getKey());
            Function<String, Optional<String>> field = f -> text.apply(JsonPointers.child(pointer, f));
            AzureAuth auth = switch (e.getValue().path("auth").asText()) {
                case AzureAuth.ACCOUNT_KEY -> new AzureAuth.AccountKey(field.apply("key").orElseThrow());
                case AzureAuth.SERVICE_PRINCIPAL -> new AzureAuth.ServicePrincipal(
                        field.apply("tenant-id").orElseThrow(), field.apply("client-id").orElseThrow(),
                        field.apply("client-secret").orElseThrow(),
                        field.apply("authority-host").orElse(AzureAuth.ServicePrincipal.DEFAULT_AUTHORITY));
                case AzureAuth.MANAGED_IDENTITY -> new AzureAuth.ManagedIdentity(field.apply("client-id"));
                default -> throw new IllegalStateException("auth " + e.getValue().path("auth")
                        + " passed the schema of the azure section but is not mapped");
            };
            accounts.add(new AzureAccount(AzureAccount.host(e.getKey()), auth, field.apply("endpoint")));
        }
        Map<String, String> hadoop = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : azure.path("hadoop").properties()) {
            hadoop.put(e.getKey(), text.apply(JsonPointers.child("/azure/hadoop", e.getKey())).orElseThrow());
        }
        return new AzureSettings(accounts, hadoop);
    }

    /** Compiled on first use: compiling costs far more than validating. */
    private static final class Schema {
        static final BlockSchema VALIDATOR = BlockSchema.fromResource(SCHEMA_RESOURCE,
                AzureSettings.class.getClassLoader());
    }
}
