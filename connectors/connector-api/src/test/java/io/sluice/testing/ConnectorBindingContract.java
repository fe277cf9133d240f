package io.sluice.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sluice.connector.Connectors;
import io.sluice.connector.DatasetSource;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.connector.SourceDescription;
import io.sluice.metadata.DatasetSpec;
import io.sluice.metadata.DescriptorException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What every source connector must do with descriptors, without touching its source: be found by its name, bind a
 * dataset's {@code extract} block or refuse it naming the descriptor, describe the dataset for the catalog, and show
 * no secret. {@link ConnectorContract} adds landing and reading against a real source; a connector whose source
 * cannot run in a test (a licensed warehouse) runs this part alone.
 */
public abstract class ConnectorBindingContract {
    /** The factory under test, as registered in {@code META-INF/services}. */
    protected abstract Class<? extends SourceConnectorFactory> factoryClass();

    /** The {@code connector:} name the factory answers to. */
    protected abstract String type();

    /** The connector for the fixture's source, its {@code connection} block bound. */
    protected abstract SourceConnector connector();

    /** A dataset of the source whose {@code extract} block is right. */
    protected abstract DatasetSpec dataset();

    /** The same dataset with an {@code extract} block that must be refused when bound (a misspelt key, …). */
    protected abstract DatasetSpec brokenDataset();

    /**
     * The resolved value of a {@code ${secret:…}} reference the fixture's source uses, which must appear in no
     * {@code toString} nor description; empty when the source has no secret.
     */
    protected Optional<String> secret() {
        return Optional.empty();
    }

    @Test
    void theFactoryIsFoundByServiceLoaderUnderItsType() {
        SourceConnectorFactory found = Connectors.discover(getClass().getClassLoader()).factory(type());

        assertThat(found).isInstanceOf(factoryClass());
        assertThat(found.type()).isEqualTo(type());
    }

    @Test
    void bindAcceptsTheDatasetAndRefusesABrokenExtractNamingItsFile() {
        assertThat(connector().bind(dataset())).isNotNull();
        connector().check(dataset());

        DatasetSpec broken = brokenDataset();
        assertThatThrownBy(() -> connector().bind(broken))
                .isInstanceOfSatisfying(DescriptorException.class, e -> assertThat(e.problems()).isNotEmpty())
                .hasMessageContaining(broken.origin().file());
        assertThatThrownBy(() -> connector().check(broken)).isInstanceOf(DescriptorException.class);
    }

    @Test
    void theSourceIsDescribedWithALocationAndAFormat() {
        SourceDescription description = connector().bind(dataset()).describe();

        assertThat(description.location()).isNotBlank();
        assertThat(description.format()).isNotBlank();
        assertThat(connector().bind(dataset()).describe()).isEqualTo(description);
    }

    @Test
    void noSecretIsShownByTheConnectorItsDatasetOrTheirDescription() {
        DatasetSource source = connector().bind(dataset());
        List<String> shown = List.of(String.valueOf(connector()), String.valueOf(source),
                String.valueOf(source.describe()));

        for (String text : shown) {
            assertThat(text).doesNotContain("${secret:");
            secret().ifPresent(s -> assertThat(text).doesNotContain(s));
        }
    }
}
