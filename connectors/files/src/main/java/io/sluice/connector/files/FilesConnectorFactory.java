package io.sluice.connector.files;

import io.sluice.connector.ConnectorContext;
import io.sluice.connector.SourceConnector;
import io.sluice.connector.SourceConnectorFactory;
import io.sluice.metadata.SourceSpec;

/**
 * Entry point of the {@code files} connector ({@code connector: files}). Its {@code connection} block has one
 * setting, {@code landing}: the folder deliveries arrive in (default {@code .}, the project folder; relative paths
 * resolve against the project; a URI such as {@code abfss://landing@account.dfs.core.windows.net/dealer} is used as
 * is). Each dataset's {@code extract} block is a {@link FileExtract}.
 */
public final class FilesConnectorFactory implements SourceConnectorFactory {
    /** The descriptor's {@code connector:} value. */
    public static final String TYPE = "files";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public SourceConnector create(SourceSpec source, ConnectorContext context) {
        return new FilesConnector(FilesConnection.bind(source.connection(), context));
    }
}
