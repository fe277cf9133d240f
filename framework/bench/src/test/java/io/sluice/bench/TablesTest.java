package io.sluice.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class TablesTest {

    @Test
    void sideBySideRunsEveryTableAtTheSameTime() {
        // each table waits for the other: this returns only if both run at once
        CyclicBarrier both = new CyclicBarrier(TpchTables.ALL.size());
        List<String> done = new CopyOnWriteArrayList<>();

        Tables.each(2, "floor", table -> {
            try {
                both.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
                throw new IllegalStateException("the tables did not run side by side", e);
            }
            done.add(table.name() + " on " + Thread.currentThread().getName());
        });

        assertThat(done).hasSize(2).allSatisfy(d -> assertThat(d).contains("on bench-floor-"));
    }

    @Test
    void oneAtATimeRunsTheTablesInOrderOnTheCallingThread() {
        List<String> done = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();

        Tables.each(1, "floor", table -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            done.add(table.name());
        });

        assertThat(done).containsExactly("lineitem", "orders");
    }

    @Test
    void aFailingTableFailsTheRun() {
        assertThatThrownBy(() -> Tables.each(2, "baseline", table -> {
            throw new IllegalStateException("cannot write " + table.name());
        })).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("cannot write ")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
    }
}
