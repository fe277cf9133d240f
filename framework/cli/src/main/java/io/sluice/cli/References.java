package io.sluice.cli;

import java.util.function.UnaryOperator;

/** The process environment as the reference resolver connectors use. */
final class References {
    private References() {
    }

    static UnaryOperator<String> environment() {
        return value -> io.sluice.metadata.References.resolve(value, System::getenv,
                io.sluice.metadata.Origin.unknown("descriptor"), "");
    }
}
