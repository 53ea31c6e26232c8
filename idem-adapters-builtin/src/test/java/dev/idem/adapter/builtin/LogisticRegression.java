package dev.idem.adapter.builtin;

/**
 * L2-regularised logistic regression with an unregularised intercept, fitted by Newton's method with conjugate
 * gradients (a truncated Newton, as liblinear's): minimises {@code ½‖w‖² + C · Σ log-loss}. Deterministic (fixed
 * order, no randomness) and converged tightly, so the same rows give the same weights to the last bit.
 *
 * @param rows   the rows' feature indices, each ascending
 * @param values the rows' feature values, as {@code rows}
 * @param unsafe the rows' labels
 * @param d      the number of features
 */
record LogisticRegression(int[][] rows, double[][] values, boolean[] unsafe, int d) {

    private static final double TOLERANCE = 1e-9;
    private static final int MAX_NEWTON = 200;
    private static final int MAX_CG = 1000;

    /** The weights, then the intercept at index {@code d}. */
    double[] fit(double c) {
        double[] w = new double[d + 1];
        double[] z = margins(w);
        double f = objective(w, z, c);
        double[] g = new double[d + 1];
        double[] p = new double[rows.length];
        gradient(w, z, c, g, p);
        double g0 = norm(g);
        for (int it = 0; it < MAX_NEWTON && norm(g) > TOLERANCE * Math.max(1, g0); it++) {
            double[] step = newtonStep(g, p, c, Math.min(0.1, Math.sqrt(norm(g) / Math.max(1, g0))));
            double slope = dot(g, step);
            double t = 1;
            double[] next = new double[d + 1];
            double[] nz;
            double nf;
            while (true) {
                for (int j = 0; j <= d; j++) {
                    next[j] = w[j] + t * step[j];
                }
                nz = margins(next);
                nf = objective(next, nz, c);
                if (nf <= f + 1e-4 * t * slope || t < 1e-10) {
                    break;
                }
                t /= 2;
            }
            if (nf > f) {
                break;
            }
            w = next;
            z = nz;
            f = nf;
            gradient(w, z, c, g, p);
        }
        return w;
    }

    /** The score of a row: its logit under weights {@code w}. */
    static double score(double[] w, int[] idx, double[] val) {
        double s = w[w.length - 1];
        for (int k = 0; k < idx.length; k++) {
            s += w[idx[k]] * val[k];
        }
        return s;
    }

    private double[] margins(double[] w) {
        double[] z = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            z[i] = score(w, rows[i], values[i]);
        }
        return z;
    }

    private double objective(double[] w, double[] z, double c) {
        double reg = 0;
        for (int j = 0; j < d; j++) {
            reg += w[j] * w[j];
        }
        double loss = 0;
        for (int i = 0; i < z.length; i++) {
            double yz = unsafe[i] ? z[i] : -z[i];
            loss += yz > 0 ? StrictMath.log1p(StrictMath.exp(-yz)) : -yz + StrictMath.log1p(StrictMath.exp(yz));
        }
        return reg / 2 + c * loss;
    }

    /** The gradient into {@code g}, and each row's probability into {@code p}. */
    private void gradient(double[] w, double[] z, double c, double[] g, double[] p) {
        System.arraycopy(w, 0, g, 0, d);
        g[d] = 0;
        for (int i = 0; i < rows.length; i++) {
            p[i] = z[i] >= 0 ? 1 / (1 + StrictMath.exp(-z[i])) : StrictMath.exp(z[i]) / (1 + StrictMath.exp(z[i]));
            double err = c * (p[i] - (unsafe[i] ? 1 : 0));
            for (int k = 0; k < rows[i].length; k++) {
                g[rows[i][k]] += err * values[i][k];
            }
            g[d] += err;
        }
    }

    /** Conjugate gradients on {@code H s = -g} until the residual is {@code tol} of {@code g}. */
    private double[] newtonStep(double[] g, double[] p, double c, double tol) {
        double[] curvature = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            curvature[i] = c * p[i] * (1 - p[i]);
        }
        double[] s = new double[d + 1];
        double[] r = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            r[j] = -g[j];
        }
        double[] dir = r.clone();
        double rr = dot(r, r);
        double stop = tol * tol * rr;
        double[] hd = new double[d + 1];
        for (int it = 0; it < MAX_CG && rr > stop; it++) {
            hessianTimes(dir, curvature, hd);
            double alpha = rr / dot(dir, hd);
            for (int j = 0; j <= d; j++) {
                s[j] += alpha * dir[j];
                r[j] -= alpha * hd[j];
            }
            double next = dot(r, r);
            double beta = next / rr;
            rr = next;
            for (int j = 0; j <= d; j++) {
                dir[j] = r[j] + beta * dir[j];
            }
        }
        return s;
    }

    private void hessianTimes(double[] v, double[] curvature, double[] out) {
        System.arraycopy(v, 0, out, 0, d);
        out[d] = 0;
        for (int i = 0; i < rows.length; i++) {
            double xv = score(v, rows[i], values[i]);
            double k = curvature[i] * xv;
            for (int m = 0; m < rows[i].length; m++) {
                out[rows[i][m]] += k * values[i][m];
            }
            out[d] += k;
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
