package io.sluice.testing.azure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzuriteTest {

    @Test
    void aMissingInstallationFailsNamingTheInstallScript(@TempDir Path empty) {
        assertThatThrownBy(() -> Azurite.start(name -> name.equals("SLUICE_AZURITE_HOME") ? empty.toString() : null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Azurite is not installed (no " + empty.resolve("node_modules/azurite/dist/src/blob/main.js")
                        + "): run .ci/install-azurite.sh (it installs azurite@3.35.0 with npm), or set "
                        + "SLUICE_AZURITE_HOME to where it is installed");
    }
}
