/**
 * The fused training kernels in JavaScript, for the cpu backend: the same computations as
 * wasm/kernels.c (dense forward and backward with the activation folded in, softmax
 * cross-entropy with its gradient), with float64 running sums stored as float32.
 */

/** Activations the dense kernels fuse, numbered as in wasm/kernels.c. */
export const ACTIVATIONS = { linear: 0, relu: 1 } as const;
export type FusedActivation = keyof typeof ACTIVATIONS;

/**
 * C[i, j] = sum_p A(i, p) B[p, j] with A(i, p) = a[i * ai + p * ap], B rows contiguous
 * (b[p * n + j]), C = c[i * n + j]: 4 x 4 register blocks of running sums, B read along rows.
 */
export function stridedGemm(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  ai: number,
  ap: number,
  b: Float32Array,
  c: Float32Array,
): void {
  let i = 0;
  for (; i + 4 <= m; i += 4) {
    const a0 = i * ai;
    const a1 = a0 + ai;
    const a2 = a1 + ai;
    const a3 = a2 + ai;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      let s00 = 0;
      let s01 = 0;
      let s02 = 0;
      let s03 = 0;
      let s10 = 0;
      let s11 = 0;
      let s12 = 0;
      let s13 = 0;
      let s20 = 0;
      let s21 = 0;
      let s22 = 0;
      let s23 = 0;
      let s30 = 0;
      let s31 = 0;
      let s32 = 0;
      let s33 = 0;
      let bp = j;
      let o = 0;
      for (let p = 0; p < k; p++) {
        const y0 = b[bp]!;
        const y1 = b[bp + 1]!;
        const y2 = b[bp + 2]!;
        const y3 = b[bp + 3]!;
        const x0 = a[a0 + o]!;
        const x1 = a[a1 + o]!;
        const x2 = a[a2 + o]!;
        const x3 = a[a3 + o]!;
        s00 += x0 * y0;
        s01 += x0 * y1;
        s02 += x0 * y2;
        s03 += x0 * y3;
        s10 += x1 * y0;
        s11 += x1 * y1;
        s12 += x1 * y2;
        s13 += x1 * y3;
        s20 += x2 * y0;
        s21 += x2 * y1;
        s22 += x2 * y2;
        s23 += x2 * y3;
        s30 += x3 * y0;
        s31 += x3 * y1;
        s32 += x3 * y2;
        s33 += x3 * y3;
        bp += n;
        o += ap;
      }
      let r = i * n + j;
      c[r] = s00;
      c[r + 1] = s01;
      c[r + 2] = s02;
      c[r + 3] = s03;
      r += n;
      c[r] = s10;
      c[r + 1] = s11;
      c[r + 2] = s12;
      c[r + 3] = s13;
      r += n;
      c[r] = s20;
      c[r + 1] = s21;
      c[r + 2] = s22;
      c[r + 3] = s23;
      r += n;
      c[r] = s30;
      c[r + 1] = s31;
      c[r + 2] = s32;
      c[r + 3] = s33;
    }
    for (; j < n; j++) {
      for (let ii = i; ii < i + 4; ii++) c[ii * n + j] = dot(a, ii * ai, ap, b, j, n, k);
    }
  }
  for (; i < m; i++) for (let j = 0; j < n; j++) c[i * n + j] = dot(a, i * ai, ap, b, j, n, k);
}

function dot(
  a: Float32Array,
  aStart: number,
  ap: number,
  b: Float32Array,
  bStart: number,
  ldb: number,
  k: number,
): number {
  let sum = 0;
  for (let p = 0; p < k; p++) sum += a[aStart + p * ap]! * b[bStart + p * ldb]!;
  return sum;
}

/** relu(z) = max(z, 0) keeping NaN, as tf.maximum(z, 0). */
function relu(z: number): number {
  return z > 0 ? z : Number.isNaN(z) ? z : 0;
}

/** y[m, n] = act(x[m, k] w[k, n] + bias[n]). */
export function denseForward(
  m: number,
  k: number,
  n: number,
  x: Float32Array,
  w: Float32Array,
  bias: Float32Array | undefined,
  activation: FusedActivation,
  y: Float32Array,
): void {
  stridedGemm(m, n, k, x, k, 1, w, y);
  if (!bias && activation === 'linear') return;
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const z = bias ? y[row + j]! + bias[j]! : y[row + j]!;
      y[row + j] = activation === 'relu' ? relu(Math.fround(z)) : z;
    }
  }
}

/**
 * dz = dy * act'(y) (relu: dy * step(z), NaN for NaN), then db = column sums of dz,
 * dw = x^T dz, dx = dz w^T, each only when its array is given.
 */
export function denseBackward(
  m: number,
  k: number,
  n: number,
  dy: Float32Array,
  x: Float32Array,
  w: Float32Array,
  y: Float32Array,
  activation: FusedActivation,
  dx: Float32Array | undefined,
  dw: Float32Array | undefined,
  db: Float32Array | undefined,
): void {
  let dz = dy;
  if (activation === 'relu') {
    dz = new Float32Array(m * n);
    for (let t = 0; t < m * n; t++) {
      const v = y[t]!;
      dz[t] = v > 0 ? dy[t]! : Number.isNaN(v) ? v : 0 * dy[t]!;
    }
  }
  if (db) {
    const sums = new Float64Array(n);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) sums[j] = sums[j]! + dz[i * n + j]!;
    db.set(sums);
  }
  if (dw) stridedGemm(k, n, m, x, 1, k, dz, dw);
  if (dx) {
    const wt = new Float32Array(n * k);
    for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) wt[j * k + p] = w[p * n + j]!;
    stridedGemm(m, k, n, dz, n, 1, wt, dx);
  }
}

/**
 * Softmax cross-entropy of z[rows, classes] against a distribution per row (`targets`) or a
 * class index per row (`indices`), smoothed by s, averaged over rows; writes the gradient
 * (softmax(z) sum(t) - t) / rows into `grad` and returns the loss.
 */
export function softmaxCrossEntropy(
  rows: number,
  classes: number,
  z: Float32Array,
  targets: Float32Array | undefined,
  indices: Int32Array | undefined,
  smoothing: number,
  grad: Float32Array,
): number {
  let total = 0;
  const uniform = smoothing / classes;
  const target = (r: number, c: number) => {
    const t = indices ? (indices[r] === c ? 1 : 0) : targets![r * classes + c]!;
    return smoothing !== 0 ? (1 - smoothing) * t + uniform : t;
  };
  for (let r = 0; r < rows; r++) {
    const start = r * classes;
    let top = z[start]!;
    for (let c = 1; c < classes; c++) top = Math.max(z[start + c]!, top);
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(z[start + c]! - top);
    const logSum = Math.log(sum);
    let mass = 0;
    let dot = 0;
    for (let c = 0; c < classes; c++) {
      const t = target(r, c);
      mass += t;
      dot += t * (z[start + c]! - top - logSum);
    }
    for (let c = 0; c < classes; c++)
      grad[start + c] = ((Math.exp(z[start + c]! - top) / sum) * mass - target(r, c)) / rows;
    total -= dot;
  }
  return total / rows;
}
