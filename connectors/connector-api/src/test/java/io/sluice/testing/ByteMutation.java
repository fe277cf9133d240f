package io.sluice.testing;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * A change to a delivered file's bytes, for property tests: insert one byte, delete one, or cut the file, at a
 * fraction of its length (so that the same mutation applies to inputs of any size).
 *
 * @param kind  {@code insert}, {@code delete} or {@code truncate}
 * @param at    where, as a fraction of the length, in [0, 1]
 * @param value the byte inserted (0 to 255)
 */
public record ByteMutation(String kind, double at, int value) {

    /** Mutations inserting one of {@code values} (three times in five), deleting a byte, or cutting the file. */
    public static Arbitrary<ByteMutation> inserting(Integer... values) {
        return Combinators.combine(Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("insert")),
                        Tuple.of(1, Arbitraries.just("delete")), Tuple.of(1, Arbitraries.just("truncate"))),
                Arbitraries.doubles().between(0, 1), Arbitraries.of(values))
                .as(ByteMutation::new);
    }

    /** The mutated copy of {@code in}. */
    public byte[] apply(byte[] in) {
        int p = Math.min(in.length, (int) Math.floor(at * (in.length + 1)));
        return switch (kind) {
            case "insert" -> {
                byte[] out = new byte[in.length + 1];
                System.arraycopy(in, 0, out, 0, p);
                out[p] = (byte) value;
                System.arraycopy(in, p, out, p + 1, in.length - p);
                yield out;
            }
            case "delete" -> {
                if (p >= in.length) {
                    yield in;
                }
                byte[] out = new byte[in.length - 1];
                System.arraycopy(in, 0, out, 0, p);
                System.arraycopy(in, p + 1, out, p, in.length - p - 1);
                yield out;
            }
            case "truncate" -> Arrays.copyOf(in, p);
            default -> throw new IllegalArgumentException("unknown mutation " + kind);
        };
    }
}
