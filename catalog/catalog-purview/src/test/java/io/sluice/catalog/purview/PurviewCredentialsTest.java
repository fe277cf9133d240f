package io.sluice.catalog.purview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.identity.ClientCertificateCredential;
import com.azure.identity.ClientSecretCredential;
import io.sluice.catalog.CatalogException;
import io.sluice.metadata.SluiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PurviewCredentialsTest {
    @TempDir
    Path dir;

    static PurviewCredentials secret(String reference) {
        return new PurviewCredentials("tenant", "client", Optional.of(reference), Optional.empty(), Optional.empty());
    }

    @Test
    void aClientSecretReferenceBuildsAClientSecretCredential() {
        assertThat(secret("${secret:purview}").credential(Map.of("SLUICE_SECRET_PURVIEW", "s3cr3t")::get))
                .isInstanceOf(ClientSecretCredential.class);
        assertThat(secret("${env:PURVIEW_SECRET}").credential(Map.of("PURVIEW_SECRET", "s3cr3t")::get))
                .isInstanceOf(ClientSecretCredential.class);
    }

    @Test
    void aSecretGivenAsItsValueIsRefusedWithoutShowingIt() {
        assertThatThrownBy(() -> secret("s3cr3t").credential(Map.<String, String>of()::get))
                .isInstanceOf(CatalogException.class)
                .hasMessage("--purview-client-secret must be a reference such as ${env:NAME} or ${secret:name}, never the"
                        + " secret itself (a value on the command line stays in the shell history and the process list)")
                .hasMessageNotContaining("s3cr3t");
    }

    @Test
    void anUnsetReferenceSaysWhichVariableToSet() {
        assertThatThrownBy(() -> secret("${secret:purview}").credential(Map.<String, String>of()::get))
                .isInstanceOf(SluiceException.class)
                .hasMessage("--purview-client-secret: environment variable SLUICE_SECRET_PURVIEW (secret purview) is not set"
                        + " (export it before the run)");
    }

    @Test
    void exactlyOneOfSecretAndCertificateIsGiven() {
        assertThatThrownBy(() -> new PurviewCredentials("t", "c", Optional.empty(), Optional.empty(), Optional.empty()))
                .hasMessage("--purview-client-secret: give either --purview-client-secret or --purview-certificate (exactly one)");
        assertThatThrownBy(() -> new PurviewCredentials("t", "c", Optional.of("${env:X}"), Optional.of(dir), Optional.empty()))
                .hasMessage("--purview-client-secret: give either --purview-client-secret or --purview-certificate (exactly one)");
        assertThatThrownBy(() -> new PurviewCredentials(" ", "c", Optional.of("${env:X}"), Optional.empty(), Optional.empty()))
                .hasMessage("--purview-tenant-id: give the Entra ID tenant id of the service principal");
    }

    @Test
    void aCertificateBuildsAClientCertificateCredentialAndAMissingOneIsNamed() throws Exception {
        Path pem = Files.writeString(dir.resolve("principal.pem"), "-----BEGIN CERTIFICATE-----\n");
        assertThat(new PurviewCredentials("t", "c", Optional.empty(), Optional.of(pem), Optional.empty())
                .credential(Map.<String, String>of()::get)).isInstanceOf(ClientCertificateCredential.class);
        Path missing = dir.resolve("missing.pfx");
        assertThatThrownBy(() -> new PurviewCredentials("t", "c", Optional.empty(), Optional.of(missing), Optional.empty())
                .credential(Map.<String, String>of()::get))
                .hasMessage("--purview-certificate: cannot read " + missing
                        + "; give the path of the service principal's certificate (.pem, or .pfx with its password)");
    }

    @Test
    void toStringShowsNoSecretReference() {
        assertThat(secret("${secret:purview}").toString()).isEqualTo("PurviewCredentials[tenantId=tenant, clientId=client, client secret]");
    }
}
