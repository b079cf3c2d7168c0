namespace MedVid.Evaluation.Distribution;

/// <summary>
/// Eigen-decomposition of a real symmetric matrix by the cyclic Jacobi method (Golub and Van Loan, Matrix
/// Computations, 8.5): slow (O(n³) per sweep) but simple and accurate to machine precision, which is what a covariance
/// square root needs; feature dimensions here are tens to a few hundred.
/// </summary>
public static class SymmetricEigen
{
    /// <summary>Eigenvalues and eigenvectors (column k of Vectors belongs to Values[k]); the input is not modified.</summary>
    public static (double[] Values, double[,] Vectors) Decompose(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        if (matrix.GetLength(1) != n) throw new ArgumentException("The matrix must be square.", nameof(matrix));
        var a = (double[,])matrix.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++) v[i, i] = 1;
        var scale = 0.0;
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++) scale = Math.Max(scale, Math.Abs(a[i, j]));
        for (var sweep = 0; sweep < 100; sweep++)
        {
            var off = 0.0;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++) off += a[p, q] * a[p, q];
            if (off <= 1e-30 * Math.Max(scale * scale, double.Epsilon)) break;
            for (var p = 0; p < n; p++)
                for (var q = p + 1; q < n; q++)
                    if (a[p, q] != 0) Rotate(a, v, p, q);
        }
        var values = new double[n];
        for (var i = 0; i < n; i++) values[i] = a[i, i];
        return (values, v);
    }

    /// <summary>The symmetric square root of a positive semi-definite matrix (negative rounding-error eigenvalues count as 0).</summary>
    public static double[,] SquareRoot(double[,] matrix)
    {
        var (values, vectors) = Decompose(matrix);
        var n = values.Length;
        var result = new double[n, n];
        for (var k = 0; k < n; k++)
        {
            var root = Math.Sqrt(Math.Max(0, values[k]));
            if (root == 0) continue;
            for (var i = 0; i < n; i++)
                for (var j = 0; j < n; j++) result[i, j] += root * vectors[i, k] * vectors[j, k];
        }
        return result;
    }

    /// <summary>One Jacobi rotation zeroing a[p, q], with the stable tangent choice.</summary>
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        var n = a.GetLength(0);
        var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt(theta * theta + 1));
        var c = 1 / Math.Sqrt(t * t + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var (akp, akq) = (a[k, p], a[k, q]);
            a[k, p] = c * akp - s * akq;
            a[k, q] = s * akp + c * akq;
        }
        for (var k = 0; k < n; k++)
        {
            var (apk, aqk) = (a[p, k], a[q, k]);
            a[p, k] = c * apk - s * aqk;
            a[q, k] = s * apk + c * aqk;
        }
        for (var k = 0; k < n; k++)
        {
            var (vkp, vkq) = (v[k, p], v[k, q]);
            v[k, p] = c * vkp - s * vkq;
            v[k, q] = s * vkp + c * vkq;
        }
    }
}
