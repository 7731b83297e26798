package depthlimit.model;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** s_min on matrices whose singular values are known in closed form. */
class SingularValuesTest {
    @Test
    void smallestSingularValueOfKnownMatrices() {
        // diagonal: the singular values are |d_i|
        assertEquals(0.5, SingularValues.smallest(new DMatrixRMaj(3, 3, true, 2, 0, 0, 0, -0.5, 0, 0, 0, 3)), 1e-15);
        // [[1, 1], [0, 1]]: σ² = (3 ± √5)/2, so s_min = (√5 − 1)/2
        assertEquals((Math.sqrt(5) - 1) / 2, SingularValues.smallest(new DMatrixRMaj(2, 2, true, 1, 1, 0, 1)), 1e-14);
        // a 2×3 matrix with orthogonal rows (1, 2, 2) and (0, 2, −2) of norms 3 and √8: two singular values, the smaller √8
        assertEquals(Math.sqrt(8), SingularValues.smallest(new DMatrixRMaj(2, 3, true, 1, 2, 2, 0, 2, -2)), 1e-14);
        // rank-deficient square matrix: 0 up to round-off
        assertEquals(0.0, SingularValues.smallest(new DMatrixRMaj(2, 2, true, 1, 2, 2, 4)), 1e-15);
    }

    @Test
    void theArgumentIsNotModified() {
        DMatrixRMaj m = new DMatrixRMaj(2, 2, true, 1, 1, 0, 1);
        SingularValues.smallest(m);
        assertEquals(1.0, m.get(0, 1));
        assertEquals(0.0, m.get(1, 0));
    }
}
