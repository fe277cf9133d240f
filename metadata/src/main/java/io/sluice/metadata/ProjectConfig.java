package io.sluice.metadata;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.metadata.internal.DocumentReader;
import io.sluice.metadata.internal.JsonPointers;
import io.sluice.metadata.internal.LocatedDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A project's settings, from the optional {@code sluice.yaml} in the project folder.
 *
 * <pre>
 * lake: lake                       # a path (relative to the project) or a URI (abfss://…, file:/…)
 * descriptors: descriptors         # relative to the project
 * catalog: { url: jdbc:postgresql://… }
 * spark: { master: "local[*]", conf: { spark.sql.shuffle.partitions: 8 } }
 * azure:                           # ADLS Gen2 storage accounts the lake and landing areas live in
 *   accounts:
 *     mylake: { auth: account-key, key: "${env:MYLAKE_KEY}" }
 *   hadoop: { fs.azure.abfs.endpoint: "127.0.0.1:10000" }   # raw Hadoop keys (emulators, tuning)
 * </pre>
 *
 * <p>Values may hold {@code ${env:NAME}} / {@code ${secret:name}} references, resolved when the file is loaded;
 * {@link #toString()} therefore never shows the catalog URL, Spark configuration values or credentials.
 *
 * @param projectDir  the project folder, absolute
 * @param lake        root of the lake: an absolute path or a URI
 * @param descriptors the descriptor folder, absolute
 * @param catalogUrl  the catalog store, when not the embedded default
 * @param sparkMaster Spark master URL, {@code local[*]} by default
 * @param sparkConf   Spark configuration of a run: the {@code spark.hadoop.*} entries the {@code azure} section
 *                    implies ({@link Azure#sparkConf()}), then the {@code spark.conf} entries in file order, which
 *                    win over them
 * @param azure       the ADLS Gen2 accounts and raw Hadoop keys; {@link Azure#NONE} when absent
 */
public record ProjectConfig(Path projectDir, String lake, Path descriptors, Optional<String> catalogUrl,
                            String sparkMaster, Map<String, String> sparkConf, Azure azure) {
    /** The JSON Schema {@code sluice.yaml} is validated against, as a classpath resource. */
    public static final String SCHEMA_RESOURCE = "io/sluice/metadata/project.schema.json";

    /** The configuration file's name inside the project folder. */
    public static final String FILE_NAME = "sluice.yaml";

    private static final Pattern URI = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*");

    public ProjectConfig {
        projectDir = projectDir.toAbsolutePath().normalize();
        lake = absoluteLake(projectDir, Objects.requireNonNull(lake, "lake"));
        descriptors = projectDir.resolve(descriptors).normalize();
        Objects.requireNonNull(catalogUrl, "catalogUrl");
        Objects.requireNonNull(sparkMaster, "sparkMaster");
        sparkConf = Collections.unmodifiableMap(new LinkedHashMap<>(sparkConf));
        Objects.requireNonNull(azure, "azure");
    }

    /** A configuration without Azure accounts. */
    public ProjectConfig(Path projectDir, String lake, Path descriptors, Optional<String> catalogUrl,
                         String sparkMaster, Map<String, String> sparkConf) {
        this(projectDir, lake, descriptors, catalogUrl, sparkMaster, sparkConf, Azure.NONE);
    }

    /** The settings of a project without {@code sluice.yaml}. */
    public static ProjectConfig defaults(Path projectDir) {
        return new ProjectConfig(projectDir, "lake", Path.of("descriptors"), Optional.empty(), "local[*]", Map.of());
    }

    /** Reads {@code projectDir/sluice.yaml} when present, resolving references from the process environment. */
    public static ProjectConfig load(Path projectDir) {
        return load(projectDir, System::getenv);
    }

    /**
     * Reads {@code projectDir/sluice.yaml} when present.
     *
     * @param environment looks up environment variables for {@code ${env:…}} and {@code ${secret:…}}
     * @throws DescriptorException listing every problem of the file (syntax, unknown keys, wrong types, an
     *                             account without the fields its {@code auth} needs, a secret written in clear)
     * @throws SluiceException     code {@code REFERENCE_UNSET} when a referenced variable is not set
     */
    public static ProjectConfig load(Path projectDir, Function<String, String> environment) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path file = project.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return defaults(project);
        }
        List<Problem> problems = new ArrayList<>();
        List<LocatedDocument> documents = new DocumentReader().read(file, FILE_NAME, problems);
        DescriptorLoader.failIfAny(problems);
        if (documents.isEmpty()) {
            return defaults(project);
        }
        if (documents.size() > 1) {
            throw DescriptorException.of(documents.get(1).origin(), "",
                    FILE_NAME + " holds one document; remove the '---' separators");
        }
        LocatedDocument document = documents.get(0);
        Origin origin = document.origin();
        DescriptorLoader.failIfAny(Schemas.project().validate(document.root(), origin));
        JsonNode root = document.root();
        DescriptorLoader.failIfAny(Azure.problems(root.path("azure"), origin));
        Function<String, Optional<String>> text = pointer -> {
            JsonNode node = root.at(pointer);
            return node.isMissingNode() ? Optional.empty()
                    : Optional.of(References.resolve(node.asText(), environment, origin, pointer));
        };
        Azure azure = Azure.read(root.path("azure"), text);
        Map<String, String> conf = new LinkedHashMap<>(azure.sparkConf());
        for (Map.Entry<String, JsonNode> e : root.path("spark").path("conf").properties()) {
            conf.put(e.getKey(), text.apply(JsonPointers.child("/spark/conf", e.getKey())).orElseThrow());
        }
        return new ProjectConfig(project, text.apply("/lake").orElse("lake"),
                Path.of(text.apply("/descriptors").orElse("descriptors")), text.apply("/catalog/url"),
                text.apply("/spark/master").orElse("local[*]"), conf, azure);
    }

    /** This configuration with another lake (a URI, or a path relative to the project folder). */
    public ProjectConfig withLake(String newLake) {
        return new ProjectConfig(projectDir, newLake, descriptors, catalogUrl, sparkMaster, sparkConf, azure);
    }

    /** This configuration with another descriptor folder (relative paths resolve against the project folder). */
    public ProjectConfig withDescriptors(Path newDescriptors) {
        return new ProjectConfig(projectDir, lake, newDescriptors, catalogUrl, sparkMaster, sparkConf, azure);
    }

    /** Whether the lake is a URI ({@code abfss://…}) rather than a local path. */
    public boolean lakeIsUri() {
        return isUri(lake);
    }

    /** The settings handed to {@code StorageFactory.open}: see {@link Azure#storageSettings()}. */
    public Map<String, String> storageSettings() {
        return azure.storageSettings();
    }

    @Override
    public String toString() {
        return "ProjectConfig[projectDir=" + projectDir + ", lake=" + lake + ", descriptors=" + descriptors
                + ", catalogUrl=" + (catalogUrl.isPresent() ? "(set)" : "(embedded)") + ", sparkMaster=" + sparkMaster
                + ", sparkConf keys=" + sparkConf.keySet() + ", azure=" + azure + "]";
    }

    private static boolean isUri(String value) {
        // two letters at least: "C:\lake" is a Windows path, not a URI with scheme "C"
        return URI.matcher(value).matches();
    }

    private static String absoluteLake(Path projectDir, String lake) {
        return isUri(lake) ? lake : projectDir.resolve(lake).toAbsolutePath().normalize().toString();
    }

    /**
     * How Sluice reaches ADLS Gen2 storage accounts: Spark through hadoop-azure's ABFS driver ({@link #sparkConf()}),
     * landing-area operations through the Azure SDK ({@link #storageSettings()}). Credentials come from here only,
     * never from descriptors.
     *
     * @param accounts the storage accounts, in file order
     * @param hadoop   raw Hadoop keys ({@code fs.azure.abfs.endpoint}, …) passed to Spark as {@code spark.hadoop.*}:
     *                 the escape hatch for emulators and tuning
     */
    public record Azure(List<AzureAccount> accounts, Map<String, String> hadoop) {
        /** No accounts, no Hadoop keys. */
        public static final Azure NONE = new Azure(List.of(), Map.of());

        /** Settings key prefix of {@link #storageSettings()}: {@code azure.<host>.<field>}. */
        public static final String SETTINGS_PREFIX = "azure.";

        /** Prefix of the {@link #storageSettings()} entries that copy {@link #hadoop()}. */
        public static final String HADOOP_SETTINGS_PREFIX = "azure.hadoop.";

        static final String CLIENT_CREDS_PROVIDER = "org.apache.hadoop.fs.azurebfs.oauth2.ClientCredsTokenProvider";
        static final String MSI_PROVIDER = "org.apache.hadoop.fs.azurebfs.oauth2.MsiTokenProvider";

        public Azure {
            accounts = List.copyOf(accounts);
            hadoop = Collections.unmodifiableMap(new LinkedHashMap<>(hadoop));
        }

        /** The account whose dfs host is {@code host} ({@code mylake.dfs.core.windows.net}). */
        public Optional<AzureAccount> account(String host) {
            return accounts.stream().filter(a -> a.host().equalsIgnoreCase(host)).findFirst();
        }

        /** The storage-settings key of one field of an account: {@code azure.<host>.<field>}. */
        public static String setting(String host, String field) {
            return SETTINGS_PREFIX + host.toLowerCase(java.util.Locale.ROOT) + "." + field;
        }

        /**
         * The Hadoop ABFS keys of every account, per account host, as {@code spark.hadoop.*} Spark settings,
         * followed by {@link #hadoop()}.
         */
        public Map<String, String> sparkConf() {
            Map<String, String> conf = new LinkedHashMap<>();
            for (AzureAccount a : accounts) {
                a.hadoopConf().forEach((k, v) -> conf.put("spark.hadoop." + k, v));
            }
            hadoop.forEach((k, v) -> conf.put("spark.hadoop." + k, v));
            return conf;
        }

        /**
         * The flat settings the ADLS storage factory reads: {@code azure.<host>.auth} ({@code account-key},
         * {@code service-principal}, {@code managed-identity}), {@code .key}, {@code .tenant-id}, {@code .client-id},
         * {@code .client-secret}, {@code .authority-host}, {@code .endpoint}, and {@code azure.hadoop.<key>} for
         * the raw Hadoop keys. Values include secrets: never log them.
         */
        public Map<String, String> storageSettings() {
            Map<String, String> settings = new LinkedHashMap<>();
            for (AzureAccount a : accounts) {
                settings.putAll(a.storageSettings());
            }
            hadoop.forEach((k, v) -> settings.put(HADOOP_SETTINGS_PREFIX + k, v));
            return settings;
        }

        @Override
        public String toString() {
            return "Azure[accounts=" + accounts + ", hadoop keys=" + hadoop.keySet() + "]";
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
                                + " reference (\"${env:NAME}\" or \"${secret:name}\"), never in " + FILE_NAME));
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

        static Azure read(JsonNode azure, Function<String, Optional<String>> text) {
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
                            + " passed the schema of " + FILE_NAME + " but is not mapped");
                };
                accounts.add(new AzureAccount(AzureAccount.host(e.getKey()), auth, field.apply("endpoint")));
            }
            Map<String, String> hadoop = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : azure.path("hadoop").properties()) {
                hadoop.put(e.getKey(), text.apply(JsonPointers.child("/azure/hadoop", e.getKey())).orElseThrow());
            }
            return new Azure(accounts, hadoop);
        }
    }

    /**
     * One ADLS Gen2 storage account.
     *
     * @param host     the account's dfs host, {@code <account>.dfs.core.windows.net} (or another cloud's suffix)
     * @param auth     how to authenticate
     * @param endpoint the SDK's service endpoint when not {@code https://<host>} (private endpoints, tests)
     */
    public record AzureAccount(String host, AzureAuth auth, Optional<String> endpoint) {
        /** The dfs host suffix of the public Azure cloud. */
        public static final String DFS_SUFFIX = ".dfs.core.windows.net";

        public AzureAccount {
            host = host.toLowerCase(java.util.Locale.ROOT);
            Objects.requireNonNull(auth, "auth");
            Objects.requireNonNull(endpoint, "endpoint");
        }

        /** The dfs host of an account as written in {@code sluice.yaml}: a bare name gets the public cloud suffix. */
        public static String host(String nameOrHost) {
            return nameOrHost.contains(".") ? nameOrHost : nameOrHost + DFS_SUFFIX;
        }

        /** The account name: the first label of the host. */
        public String name() {
            return host.substring(0, host.indexOf('.') < 0 ? host.length() : host.indexOf('.'));
        }

        /** The Hadoop ABFS keys for this account (per-account keys, suffixed with the host). */
        public Map<String, String> hadoopConf() {
            Map<String, String> conf = new LinkedHashMap<>();
            String h = "." + host;
            if (auth instanceof AzureAuth.AccountKey k) {
                conf.put("fs.azure.account.auth.type" + h, "SharedKey");
                conf.put("fs.azure.account.key" + h, k.key());
            } else if (auth instanceof AzureAuth.ServicePrincipal sp) {
                conf.put("fs.azure.account.auth.type" + h, "OAuth");
                conf.put("fs.azure.account.oauth.provider.type" + h, Azure.CLIENT_CREDS_PROVIDER);
                conf.put("fs.azure.account.oauth2.client.endpoint" + h, sp.tokenEndpoint());
                conf.put("fs.azure.account.oauth2.client.id" + h, sp.clientId());
                conf.put("fs.azure.account.oauth2.client.secret" + h, sp.clientSecret());
            } else if (auth instanceof AzureAuth.ManagedIdentity mi) {
                conf.put("fs.azure.account.auth.type" + h, "OAuth");
                conf.put("fs.azure.account.oauth.provider.type" + h, Azure.MSI_PROVIDER);
                mi.clientId().ifPresent(id -> conf.put("fs.azure.account.oauth2.client.id" + h, id));
            } else {
                throw new IllegalStateException("no Hadoop keys for " + auth.getClass().getName());
            }
            return conf;
        }

        /** This account's entries of {@link Azure#storageSettings()}. */
        public Map<String, String> storageSettings() {
            Map<String, String> s = new LinkedHashMap<>();
            if (auth instanceof AzureAuth.AccountKey k) {
                s.put(Azure.setting(host, "auth"), AzureAuth.ACCOUNT_KEY);
                s.put(Azure.setting(host, "key"), k.key());
            } else if (auth instanceof AzureAuth.ServicePrincipal sp) {
                s.put(Azure.setting(host, "auth"), AzureAuth.SERVICE_PRINCIPAL);
                s.put(Azure.setting(host, "tenant-id"), sp.tenantId());
                s.put(Azure.setting(host, "client-id"), sp.clientId());
                s.put(Azure.setting(host, "client-secret"), sp.clientSecret());
                s.put(Azure.setting(host, "authority-host"), sp.authorityHost());
            } else if (auth instanceof AzureAuth.ManagedIdentity mi) {
                s.put(Azure.setting(host, "auth"), AzureAuth.MANAGED_IDENTITY);
                mi.clientId().ifPresent(id -> s.put(Azure.setting(host, "client-id"), id));
            } else {
                throw new IllegalStateException("no storage settings for " + auth.getClass().getName());
            }
            endpoint.ifPresent(e -> s.put(Azure.setting(host, "endpoint"), e));
            return s;
        }
    }

    /** How an account authenticates. The records' {@code toString} never shows a secret. */
    public sealed interface AzureAuth {
        /** {@code auth:} value of {@link AccountKey}. */
        String ACCOUNT_KEY = "account-key";
        /** {@code auth:} value of {@link ServicePrincipal}. */
        String SERVICE_PRINCIPAL = "service-principal";
        /** {@code auth:} value of {@link ManagedIdentity}. */
        String MANAGED_IDENTITY = "managed-identity";

        /** Shared key: the storage account's access key. */
        record AccountKey(String key) implements AzureAuth {
            public AccountKey {
                Objects.requireNonNull(key, "key");
            }

            @Override
            public String toString() {
                return "AccountKey[key=(hidden)]";
            }
        }

        /**
         * A Microsoft Entra ID application (OAuth 2.0 client credentials).
         *
         * @param authorityHost {@code https://login.microsoftonline.com} in the public cloud
         */
        record ServicePrincipal(String tenantId, String clientId, String clientSecret, String authorityHost)
                implements AzureAuth {
            /** The public cloud's Entra ID host. */
            public static final String DEFAULT_AUTHORITY = "https://login.microsoftonline.com";

            public ServicePrincipal {
                Objects.requireNonNull(tenantId, "tenantId");
                Objects.requireNonNull(clientId, "clientId");
                Objects.requireNonNull(clientSecret, "clientSecret");
                authorityHost = authorityHost.endsWith("/") ? authorityHost.substring(0, authorityHost.length() - 1)
                        : authorityHost;
            }

            /** The OAuth token endpoint hadoop-azure's {@code ClientCredsTokenProvider} posts to. */
            public String tokenEndpoint() {
                return authorityHost + "/" + tenantId + "/oauth2/token";
            }

            @Override
            public String toString() {
                return "ServicePrincipal[tenantId=" + tenantId + ", clientId=" + clientId
                        + ", clientSecret=(hidden), authorityHost=" + authorityHost + "]";
            }
        }

        /**
         * The managed identity of the Azure host Sluice runs on.
         *
         * @param clientId a user-assigned identity's client id; the system-assigned identity when empty
         */
        record ManagedIdentity(Optional<String> clientId) implements AzureAuth {
            public ManagedIdentity {
                Objects.requireNonNull(clientId, "clientId");
            }
        }
    }
}
