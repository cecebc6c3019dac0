/**
 * The standard normal distribution and its truncations, in double precision and in log
 * space where the tails need it: what the Parzen estimators of the TPE sampler are made of.
 */

const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * log erfc(x) for x >= 0 from the Chebyshev fit of Numerical Recipes (fractional error below
 * 1.2e-7 everywhere), written in log form so it stays finite far in the tail.
 */
function logErfcPositive(x: number): number {
  const t = 1 / (1 + 0.5 * x);
  const poly =
    -1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t *
                          (-1.13520398 +
                            t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  return Math.log(t) - x * x + poly;
}

/** The complementary error function erfc(x). */
export function erfc(x: number): number {
  const tail = Math.exp(logErfcPositive(Math.abs(x)));
  return x >= 0 ? tail : 2 - tail;
}

/** The standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return 0.5 * erfc(-z / Math.SQRT2);
}

/** log Φ(z), finite for any finite z (the lower tail is computed in log space). */
export function logNormalCdf(z: number): number {
  return z < 0 ? Math.log(0.5) + logErfcPositive(-z / Math.SQRT2) : Math.log1p(-normalCdf(-z));
}

/** log of the standard normal density at z. */
export function logNormalPdf(z: number): number {
  return -0.5 * z * z - LOG_SQRT_2PI;
}

/**
 * log(Φ(b) − Φ(a)) for a < b: the log-probability that a standard normal falls in [a, b],
 * accurate in both tails (an interval above 0 is mirrored below it).
 */
export function logNormalMass(a: number, b: number): number {
  if (!(a < b)) return Number.NEGATIVE_INFINITY;
  if (a >= 0) return logNormalMass(-b, -a);
  if (b <= 0) {
    const high = logNormalCdf(b);
    return high + Math.log1p(-Math.exp(logNormalCdf(a) - high));
  }
  return Math.log(1 - normalCdf(-b) - normalCdf(a));
}

const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/**
 * The standard normal quantile Φ⁻¹(p) for p in (0, 1), by Acklam's rational approximation
 * (relative error below 1.2e-9); ±Infinity at 0 and 1.
 */
export function normalQuantile(p: number): number {
  if (p <= 0) return Number.NEGATIVE_INFINITY;
  if (p >= 1) return Number.POSITIVE_INFINITY;
  const low = 0.02425;
  if (p < low || p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
    const z =
      (((((C[0]! * q + C[1]!) * q + C[2]!) * q + C[3]!) * q + C[4]!) * q + C[5]!) /
      ((((D[0]! * q + D[1]!) * q + D[2]!) * q + D[3]!) * q + 1);
    return p < low ? z : -z;
  }
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((A[0]! * r + A[1]!) * r + A[2]!) * r + A[3]!) * r + A[4]!) * r + A[5]!) * q) /
    (((((B[0]! * r + B[1]!) * r + B[2]!) * r + B[3]!) * r + B[4]!) * r + 1)
  );
}

/**
 * A standard normal truncated to [a, b], drawn by the inverse CDF from a uniform u in [0, 1).
 * An interval above 0 is mirrored so the tail it lies in keeps its precision.
 */
export function truncatedNormalFromUnit(u: number, a: number, b: number): number {
  if (a >= 0) return -truncatedNormalFromUnit(u, -b, -a);
  const low = normalCdf(a);
  const high = normalCdf(b);
  const z = normalQuantile(low + u * (high - low));
  return Math.min(b, Math.max(a, Number.isFinite(z) ? z : a));
}
