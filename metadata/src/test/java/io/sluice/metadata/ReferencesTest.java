package io.sluice.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferencesTest {
    private static final Origin ORIGIN = new Origin("descriptors/x.yaml", 1, Map.of("/connection/password", 7, "/connection/url", 5));
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "DW_HOST", "dw.example.com", "SLUICE_SECRET_DW_PASSWORD", "s3cr3t", "SLUICE_SECRET_API_KEY_V2", "k");

    @Test
    void resolvesEnvironmentAndSecretReferences() {
        assertThat(References.resolve("jdbc:teradata://${env:DW_HOST}/db", ENVIRONMENT::get, ORIGIN, "/connection/url"))
                .isEqualTo("jdbc:teradata://dw.example.com/db");
        assertThat(References.resolve("${secret:dw_password}", ENVIRONMENT::get, ORIGIN, "/connection/password"))
                .isEqualTo("s3cr3t");
        assertThat(References.resolve("${secret:api-key.v2}", ENVIRONMENT::get, ORIGIN, "/connection/password"))
                .isEqualTo("k");
        assertThat(References.resolve("no reference, $ and {} kept", ENVIRONMENT::get, ORIGIN, "/x"))
                .isEqualTo("no reference, $ and {} kept");
    }

    @Test
    void anUnsetVariableNamesItAndItsPlace() {
        assertThatThrownBy(() -> References.resolve("${env:DW_PASSWORD}", ENVIRONMENT::get, ORIGIN, "/connection/password"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("descriptors/x.yaml:7: /connection/password: environment variable DW_PASSWORD is not set "
                        + "(export it before the run)")
                .satisfies(e -> {
                    assertThat(((SluiceException) e).code()).isEqualTo("REFERENCE_UNSET");
                    assertThat(((SluiceException) e).category()).isEqualTo(ErrorCategory.DESCRIPTOR);
                });
    }

    @Test
    void anUnsetSecretNamesItsVariableButNoResolvedValue() {
        assertThatThrownBy(() -> References.resolve("${env:DW_HOST}:${secret:other_password}", ENVIRONMENT::get, ORIGIN,
                "/connection/url"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("descriptors/x.yaml:5: /connection/url: environment variable SLUICE_SECRET_OTHER_PASSWORD "
                        + "(secret other_password) is not set (export it before the run)")
                .hasMessageNotContaining("dw.example.com");
    }

    @Test
    void aMalformedReferenceIsRejected() {
        assertThatThrownBy(() -> References.resolve("${vault:dw}", ENVIRONMENT::get, ORIGIN, "/connection/password"))
                .isInstanceOf(SluiceException.class)
                .hasMessage("descriptors/x.yaml:7: /connection/password: invalid reference '${vault:dw}' "
                        + "(write ${env:NAME} or ${secret:name})")
                .satisfies(e -> assertThat(((SluiceException) e).code()).isEqualTo("REFERENCE_INVALID"));
    }

    @Test
    void detectsReferences() {
        assertThat(References.containsReference("${secret:dw_password}")).isTrue();
        assertThat(References.containsReference("jdbc://${env:HOST}:1025")).isTrue();
        assertThat(References.containsReference("hunter2")).isFalse();
        assertThat(References.containsReference("${secret:}")).isFalse();
        assertThat(References.containsReference(null)).isFalse();
    }

    @Test
    void optionsResolveAtTheirOwnPointer() {
        Options options = new Options(Map.of("password", "${secret:missing}", "user", "${env:DW_HOST}"), ORIGIN, "/connection");

        assertThat(options.resolvedString("user", ENVIRONMENT::get)).isEqualTo(Optional.of("dw.example.com"));
        assertThat(options.resolvedString("absent", ENVIRONMENT::get)).isEmpty();
        assertThatThrownBy(() -> options.resolvedString("password", ENVIRONMENT::get))
                .isInstanceOf(SluiceException.class)
                .hasMessage("descriptors/x.yaml:7: /connection/password: environment variable SLUICE_SECRET_MISSING "
                        + "(secret missing) is not set (export it before the run)");
    }
}
