package depthlimit.claims;

import depthlimit.data.GaussianData;
import depthlimit.flow.TrainSpec;
import depthlimit.init.WeightTied;
import depthlimit.model.Activations;
import depthlimit.model.Backprop;
import depthlimit.model.Cancellation;
import depthlimit.model.Convention;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Experiment#trainAll}: a depth sweep on several threads is the sequential sweep, bit for bit, and stops on interrupt. */
class TrainAllTest {
    private static final Experiment.Setup SETUP = new Experiment.Setup(Convention.AUTHORS_CODE, Activations.GELU, 16, 8, 8, 8,
            false, new GaussianData(12, 3, 1.0), new WeightTied(4));

    @Test
    void threadsChangeNothingAndOrderIsKept() {
        int[] depths = {4, 32, 8, 16};                       // not sorted: the deepest starts first, results stay in this order
        TrainSpec t = TrainSpec.gd(0.01, 60, Double.NaN, TrainSpec.everyStep(60, 20));
        List<Experiment.Run> one = Experiment.trainAll(SETUP, depths, t, true, Backprop.Recursion.CORRECTED, 1);
        List<Experiment.Run> three = Experiment.trainAll(SETUP, depths, t, true, Backprop.Recursion.CORRECTED, 3);
        assertEquals(depths.length, three.size());
        for (int i = 0; i < depths.length; i++) {
            assertEquals(depths[i], three.get(i).arch().L());
            assertTrue(three.get(i).result().completed());
            assertEquals(one.get(i).rows(), three.get(i).rows(), "metric rows at L = " + depths[i]);
            assertEquals(one.get(i).snapshots().size(), three.get(i).snapshots().size());
            for (int j = 0; j < one.get(i).snapshots().size(); j++)
                assertArrayEquals(one.get(i).snapshots().get(j), three.get(i).snapshots().get(j), "θ at sample " + j + ", L = " + depths[i]);
        }
    }

    /** A claim's time limit interrupts its thread; the sweep's runs must end too, not run on unseen. */
    @Test
    void anInterruptEndsTheSweep() throws Exception {
        TrainSpec endless = TrainSpec.gd(1e-6, 2_000_000_000L, Double.NaN, TrainSpec.everyStep(2_000_000_000L, 1_000_000_000L));
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                Experiment.trainAll(SETUP, new int[]{64, 64}, endless, false, Backprop.Recursion.CORRECTED, 2);
            } catch (Throwable e) {
                thrown.set(e);
            }
        }, "trainAll-caller");
        caller.start();
        Thread.sleep(300);
        caller.interrupt();
        caller.join(10_000);
        assertTrue(!caller.isAlive(), "the sweep ended after the interrupt");
        assertTrue(thrown.get() instanceof Cancellation.Cancelled, "ended by cancellation, got " + thrown.get());
        Thread.sleep(200);
        long workers = Thread.getAllStackTraces().keySet().stream().filter(th -> th.getName().startsWith("trainAll-caller-depth-")).filter(Thread::isAlive).count();
        assertEquals(0, workers, "no training thread survives the sweep");
    }
}
