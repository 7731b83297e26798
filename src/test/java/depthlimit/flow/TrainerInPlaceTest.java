package depthlimit.flow;

import depthlimit.model.Backprop;
import depthlimit.spec.ExperimentSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * {@link Trainer#runInPlace} steps in the caller's θ (the memory of one parameter vector saved) and must give
 * {@link Trainer#run}'s trajectory bit for bit; {@link Trainer#run} must leave θ(0) untouched. Gradient descent
 * also takes the path without a right-hand-side vector ({@link GradientFlow#lossAndGradient}), and a checkpointed
 * {@link Backprop} (budget 0) under it must change no bit either: every comparison is exact, as each path performs
 * the same operations in the same order.
 */
class TrainerInPlaceTest {
    @Test
    void inPlaceRunsEqualCopyingRunsBitForBit() {
        for (String train : new String[]{"{\"method\": \"gd\", \"eta\": 0.05, \"steps\": 20}",
                "{\"method\": \"euler\", \"h\": 0.05, \"steps\": 20}", "{\"method\": \"rk4\", \"h\": 0.05, \"steps\": 10}"}) {
            ExperimentSpec s = FlowTestSupport.spec(FlowTestSupport.small("gelu", FlowTestSupport.GP, train));
            double[] theta0 = s.createParameters().theta, keep = theta0.clone();
            TrainingResult copied = new Trainer(new Backprop(s.architecture(), s.createData()), s.train()).run(theta0);
            assertArrayEquals(keep, theta0, "run leaves θ(0) as it was, " + train);
            assertNotSame(theta0, copied.finalTheta());
            double[] mine = theta0.clone();
            TrainingResult inPlace = new Trainer(new Backprop(s.architecture(), s.createData(), 0), s.train()).runInPlace(mine);
            assertSame(mine, inPlace.finalTheta(), "stepped in the given array, " + train);
            assertArrayEquals(copied.finalTheta(), inPlace.finalTheta(), "same final state, " + train);
            assertEquals(Double.doubleToLongBits(copied.finalLoss()), Double.doubleToLongBits(inPlace.finalLoss()), train);
        }
    }
}
