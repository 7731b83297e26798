package depthlimit.model;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/** Singular values of dense matrices through EJML's SVD (values only; the argument is not modified). */
public final class SingularValues {
    private SingularValues() {}

    /**
     * s_min(M) = the smallest of the min(rows, cols) singular values of {@code m} (0 for a rank-deficient square
     * matrix up to round-off); NaN when EJML's decomposition fails.
     */
    public static double smallest(DMatrixRMaj m) {
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(m.numRows, m.numCols, false, false, true);
        if (!svd.decompose(m.copy())) return Double.NaN;
        double[] sv = svd.getSingularValues();
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < Math.min(m.numRows, m.numCols); i++) min = Math.min(min, sv[i]);
        return min;
    }
}
