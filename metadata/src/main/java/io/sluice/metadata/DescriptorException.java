package io.sluice.metadata;

import java.util.List;
import java.util.stream.Collectors;

/** Every problem found in one or more descriptor files, reported at once. */
public final class DescriptorException extends SluiceException {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public DescriptorException(List<Problem> problems) {
        super(StandardErrorCode.DESCRIPTOR_INVALID, render(problems));
        this.problems = List.copyOf(problems);
    }

    public static DescriptorException of(Origin origin, String pointer, String message) {
        return new DescriptorException(List.of(origin.problem(pointer, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a DescriptorException needs at least one problem");
        }
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
    }
}
