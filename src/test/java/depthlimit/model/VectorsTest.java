package depthlimit.model;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Norms and distances on hand-computed vectors (3-4-5 and 1-2-2-… triangles, exact in binary). */
class VectorsTest {
    @Test
    void normsAndDistancesOfPythagoreanVectors() {
        assertEquals(5.0, Vectors.norm(new double[]{3, 4}));
        assertEquals(3.0, Vectors.norm(new double[]{9, 1, 2, 2, 9}, 1, 3));   // (1, 2, 2)
        assertEquals(5.0, Vectors.distance(new double[]{4, 6}, new double[]{1, 2}));
        assertEquals(3.0, Vectors.distance(new double[]{0, 2, 3, 3}, 1, new double[]{1, 1, 1}, 0, 3));
    }

    @Test
    void maxAbsDiffIsTheLargestEntrywiseGapInEitherDirection() {
        assertEquals(2.5, Vectors.maxAbsDiff(new double[]{1, -2, 0.5}, new double[]{1.5, 0.5, 0}));
        assertEquals(0.0, Vectors.maxAbsDiff(new double[0], new double[0]));
        // symmetric, and only the first a.length entries of b are read
        assertEquals(Vectors.maxAbsDiff(new double[]{1, 7}, new double[]{4, 6}), Vectors.maxAbsDiff(new double[]{4, 6}, new double[]{1, 7}));
        assertEquals(3.0, Vectors.maxAbsDiff(new double[]{1, 7}, new double[]{4, 6, 100}));
        assertTrue(Double.isNaN(Vectors.maxAbsDiff(new double[]{0, Double.NaN}, new double[]{1, 0})));
    }
}
