package io.sluice.catalog.openlineage;

import io.sluice.catalog.OutboxEvent;
import io.sluice.catalog.export.ExportSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Appends each event as one line of JSON to a file (the OpenLineage "file" transport's format), forced to disk
 * before the event counts as sent.
 */
public final class OpenLineageFileSink implements ExportSink {
    private final String id;
    private final Path file;
    private final OpenLineageEvents events;

    /** A sink with id {@code openlineage-file}. */
    public OpenLineageFileSink(Path file, OpenLineageEvents events) {
        this("openlineage-file", file, events);
    }

    /** A sink with its own id, for a second file. */
    public OpenLineageFileSink(String id, Path file, OpenLineageEvents events) {
        this.id = Objects.requireNonNull(id, "id");
        this.file = Objects.requireNonNull(file, "file");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void send(OutboxEvent event) throws IOException {
        byte[] line = (events.toJson(event) + "\n").getBytes(StandardCharsets.UTF_8);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }
}
