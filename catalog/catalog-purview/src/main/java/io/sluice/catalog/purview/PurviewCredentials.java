package io.sluice.catalog.purview;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientCertificateCredentialBuilder;
import com.azure.identity.ClientSecretCredentialBuilder;
import io.sluice.catalog.CatalogErrors;
import io.sluice.catalog.export.SecretOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The service principal Sluice signs in to Purview as, built by the Azure Identity SDK: a client secret, or a
 * certificate (PEM, or PFX with its password). Secrets are given only as {@code ${env:…}} / {@code ${secret:…}}
 * references ({@link SecretOption}) and resolved here, once; the certificate file is named by its path.
 *
 * <p>The principal needs the Data Curator role on the collection entities are written to.
 *
 * @param tenantId            the Entra ID tenant (directory) id
 * @param clientId            the application (client) id
 * @param clientSecret        reference to the client secret; or
 * @param certificate         the certificate file ({@code .pem}, or {@code .pfx}/{@code .p12})
 * @param certificatePassword reference to the PFX password, if it has one
 */
public record PurviewCredentials(String tenantId, String clientId, Optional<String> clientSecret,
        Optional<Path> certificate, Optional<String> certificatePassword) {

    public PurviewCredentials {
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(certificatePassword, "certificatePassword");
        if (tenantId == null || tenantId.isBlank()) {
            throw CatalogErrors.badExportOption("--purview-tenant-id", "give the Entra ID tenant id of the service principal");
        }
        if (clientId == null || clientId.isBlank()) {
            throw CatalogErrors.badExportOption("--purview-client-id", "give the application (client) id of the service principal");
        }
        if (clientSecret.isPresent() == certificate.isPresent()) {
            throw CatalogErrors.badExportOption("--purview-client-secret",
                    "give either --purview-client-secret or --purview-certificate (exactly one)");
        }
        if (certificatePassword.isPresent() && certificate.isEmpty()) {
            throw CatalogErrors.badExportOption("--purview-certificate-password", "only goes with --purview-certificate");
        }
    }

    /** The SDK's credential; resolves the references with {@code environment} ({@code System::getenv}). */
    public TokenCredential credential(Function<String, String> environment) {
        if (clientSecret.isPresent()) {
            return new ClientSecretCredentialBuilder().tenantId(tenantId).clientId(clientId)
                    .clientSecret(SecretOption.resolve("--purview-client-secret", clientSecret.get(), environment))
                    .build();
        }
        Path file = certificate.orElseThrow();
        if (!Files.isReadable(file)) {
            throw CatalogErrors.badExportOption("--purview-certificate", "cannot read " + file
                    + "; give the path of the service principal's certificate (.pem, or .pfx with its password)");
        }
        ClientCertificateCredentialBuilder builder = new ClientCertificateCredentialBuilder().tenantId(tenantId)
                .clientId(clientId);
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".pfx") || name.endsWith(".p12")) {
            builder.pfxCertificate(file.toString()).clientCertificatePassword(certificatePassword
                    .map(p -> SecretOption.resolve("--purview-certificate-password", p, environment)).orElse(""));
        } else {
            builder.pemCertificate(file.toString());
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "PurviewCredentials[tenantId=" + tenantId + ", clientId=" + clientId + ", "
                + (clientSecret.isPresent() ? "client secret" : "certificate " + certificate.orElseThrow()) + "]";
    }
}
