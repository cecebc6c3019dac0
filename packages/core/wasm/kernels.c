/*
 * fanin's WebAssembly kernels for the training hot path (docs/decisions/0009-own-wasm-kernels.md).
 *
 * Compiled by packages/core/scripts/build-wasm.mjs with clang's wasm32 target and 128-bit SIMD,
 * without a C library, into a module whose only import is the linear memory of tfjs's wasm
 * backend: every pointer below is an offset in tfjs's heap (a tensor's memoryOffset, or scratch
 * space from tfjs's malloc), so no tensor is copied between modules. The code keeps everything
 * in wasm locals: it has no static data and never touches the C stack (the build checks both),
 * because this module owns no memory of its own to put them in.
 *
 * Matrices are row-major float32. Sums run over the inner dimension in order, in float32, as
 * a GEMM does.
 */
#include <wasm_simd128.h>

typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(#name)))

/* ---------------------------------------------------------------------------------------- */
/* GEMM: C[i, j] = sum_p A(i, p) B[p, j], A read through strides, B rows contiguous.       */
/* ---------------------------------------------------------------------------------------- */

/*
 * A(i, p) = a[i * ai + p * ap]; B(p, j) = b[p * ldb + j]; C(i, j) = c[i * ldc + j].
 * Register blocks of 4 rows x 8 columns (8 vector accumulators), then 4 columns, then single
 * columns; rows in blocks of 4, then one at a time. Columns are the outer loop, so a panel of
 * B (k x 8) stays in L1 while every row block of A passes over it.
 */
static void gemm(u32 m, u32 n, u32 k, const float *a, u32 ai, u32 ap, const float *b, u32 ldb,
                 float *c, u32 ldc) {
  u32 j = 0;
  for (; j + 8 <= n; j += 8) {
    u32 i = 0;
    for (; i + 4 <= m; i += 4) {
      v128_t c00 = wasm_f32x4_splat(0), c01 = wasm_f32x4_splat(0);
      v128_t c10 = wasm_f32x4_splat(0), c11 = wasm_f32x4_splat(0);
      v128_t c20 = wasm_f32x4_splat(0), c21 = wasm_f32x4_splat(0);
      v128_t c30 = wasm_f32x4_splat(0), c31 = wasm_f32x4_splat(0);
      const float *a0 = a + i * ai, *a1 = a0 + ai, *a2 = a1 + ai, *a3 = a2 + ai;
      const float *bp = b + j;
      for (u32 p = 0; p < k; p++) {
        v128_t b0 = wasm_v128_load(bp), b1 = wasm_v128_load(bp + 4);
        u32 o = p * ap;
        v128_t x0 = wasm_v128_load32_splat(a0 + o), x1 = wasm_v128_load32_splat(a1 + o);
        v128_t x2 = wasm_v128_load32_splat(a2 + o), x3 = wasm_v128_load32_splat(a3 + o);
        c00 = wasm_f32x4_add(c00, wasm_f32x4_mul(x0, b0));
        c01 = wasm_f32x4_add(c01, wasm_f32x4_mul(x0, b1));
        c10 = wasm_f32x4_add(c10, wasm_f32x4_mul(x1, b0));
        c11 = wasm_f32x4_add(c11, wasm_f32x4_mul(x1, b1));
        c20 = wasm_f32x4_add(c20, wasm_f32x4_mul(x2, b0));
        c21 = wasm_f32x4_add(c21, wasm_f32x4_mul(x2, b1));
        c30 = wasm_f32x4_add(c30, wasm_f32x4_mul(x3, b0));
        c31 = wasm_f32x4_add(c31, wasm_f32x4_mul(x3, b1));
        bp += ldb;
      }
      float *r = c + i * ldc + j;
      wasm_v128_store(r, c00);
      wasm_v128_store(r + 4, c01);
      r += ldc;
      wasm_v128_store(r, c10);
      wasm_v128_store(r + 4, c11);
      r += ldc;
      wasm_v128_store(r, c20);
      wasm_v128_store(r + 4, c21);
      r += ldc;
      wasm_v128_store(r, c30);
      wasm_v128_store(r + 4, c31);
    }
    for (; i < m; i++) {
      v128_t c0 = wasm_f32x4_splat(0), c1 = wasm_f32x4_splat(0);
      const float *a0 = a + i * ai;
      const float *bp = b + j;
      for (u32 p = 0; p < k; p++) {
        v128_t x0 = wasm_v128_load32_splat(a0 + p * ap);
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(x0, wasm_v128_load(bp)));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(x0, wasm_v128_load(bp + 4)));
        bp += ldb;
      }
      wasm_v128_store(c + i * ldc + j, c0);
      wasm_v128_store(c + i * ldc + j + 4, c1);
    }
  }
  for (; j + 4 <= n; j += 4) {
    u32 i = 0;
    for (; i + 4 <= m; i += 4) {
      v128_t c0 = wasm_f32x4_splat(0), c1 = wasm_f32x4_splat(0);
      v128_t c2 = wasm_f32x4_splat(0), c3 = wasm_f32x4_splat(0);
      const float *a0 = a + i * ai, *a1 = a0 + ai, *a2 = a1 + ai, *a3 = a2 + ai;
      const float *bp = b + j;
      for (u32 p = 0; p < k; p++) {
        v128_t b0 = wasm_v128_load(bp);
        u32 o = p * ap;
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_v128_load32_splat(a0 + o), b0));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(wasm_v128_load32_splat(a1 + o), b0));
        c2 = wasm_f32x4_add(c2, wasm_f32x4_mul(wasm_v128_load32_splat(a2 + o), b0));
        c3 = wasm_f32x4_add(c3, wasm_f32x4_mul(wasm_v128_load32_splat(a3 + o), b0));
        bp += ldb;
      }
      float *r = c + i * ldc + j;
      wasm_v128_store(r, c0);
      wasm_v128_store(r + ldc, c1);
      wasm_v128_store(r + 2 * ldc, c2);
      wasm_v128_store(r + 3 * ldc, c3);
    }
    for (; i < m; i++) {
      v128_t c0 = wasm_f32x4_splat(0);
      const float *a0 = a + i * ai;
      const float *bp = b + j;
      for (u32 p = 0; p < k; p++) {
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_v128_load32_splat(a0 + p * ap),
                                               wasm_v128_load(bp)));
        bp += ldb;
      }
      wasm_v128_store(c + i * ldc + j, c0);
    }
  }
  for (; j < n; j++) {
    for (u32 i = 0; i < m; i++) {
      float sum = 0;
      const float *a0 = a + i * ai;
      for (u32 p = 0; p < k; p++) sum += a0[p * ap] * b[p * ldb + j];
      c[i * ldc + j] = sum;
    }
  }
}

/* Activations the dense kernels fuse. */
enum { LINEAR = 0, RELU = 1 };

/*
 * relu(z) = max(z, 0) with NaN kept (as tf.maximum(z, 0) with z first): z > 0 ? z : (z is NaN ?
 * z : 0).
 */
static inline float relu(float z) { return z > 0 ? z : (z != z ? z : 0.0f); }

/*
 * Dense forward: y[m, n] = act(x[m, k] w[k, n] + bias[n]); bias may be 0 (no bias).
 */
EXPORT(dense_forward)
void dense_forward(u32 m, u32 k, u32 n, const float *x, const float *w, const float *bias,
                   u32 activation, float *y) {
  gemm(m, n, k, x, k, 1, w, n, y, n);
  if (!bias && activation == LINEAR) return;
  for (u32 i = 0; i < m; i++) {
    float *row = y + i * n;
    u32 j = 0;
    if (bias) {
      if (activation == RELU) {
        for (; j + 4 <= n; j += 4) {
          v128_t z = wasm_f32x4_add(wasm_v128_load(row + j), wasm_v128_load(bias + j));
          /* z > 0 ? z : (z != z ? z : 0): keep z where z > 0 or z is NaN. */
          v128_t keep = wasm_v128_or(wasm_f32x4_gt(z, wasm_f32x4_splat(0)), wasm_f32x4_ne(z, z));
          wasm_v128_store(row + j, wasm_v128_and(z, keep));
        }
        for (; j < n; j++) row[j] = relu(row[j] + bias[j]);
      } else {
        for (; j + 4 <= n; j += 4)
          wasm_v128_store(row + j, wasm_f32x4_add(wasm_v128_load(row + j), wasm_v128_load(bias + j)));
        for (; j < n; j++) row[j] += bias[j];
      }
    } else {
      for (; j < n; j++) row[j] = relu(row[j]);
    }
  }
}

/*
 * Dense backward, from the output gradient dy[m, n], the input x[m, k], the weights w[k, n]
 * and the output y[m, n] (for the activation's derivative): dz = dy * act'(y) (relu'(z) = 1
 * for z > 0 and 0 otherwise, NaN for NaN, as dy * step(z)), then
 *   db[n] = sum_i dz[i, :]         (when db is not 0)
 *   dw[k, n] = x^T dz              (when dw is not 0)
 *   dx[m, k] = dz w^T              (when dx is not 0)
 * `scratch` holds m * n + n * k floats: dz (when the activation is not linear) and w^T.
 */
EXPORT(dense_backward)
void dense_backward(u32 m, u32 k, u32 n, const float *dy, const float *x, const float *w,
                    const float *y, u32 activation, float *dx, float *dw, float *db,
                    float *scratch) {
  const float *dz = dy;
  if (activation == RELU) {
    float *d = scratch;
    for (u32 t = 0; t < m * n; t++) {
      float v = y[t];
      /* dy * step(z), y = relu(z): y > 0 exactly when z > 0; y is NaN exactly when z is. */
      d[t] = v > 0 ? dy[t] : (v != v ? v : 0.0f * dy[t]);
    }
    dz = d;
  }
  if (db) {
    u32 j = 0;
    for (; j + 4 <= n; j += 4) {
      v128_t s = wasm_f32x4_splat(0);
      for (u32 i = 0; i < m; i++) s = wasm_f32x4_add(s, wasm_v128_load(dz + i * n + j));
      wasm_v128_store(db + j, s);
    }
    for (; j < n; j++) {
      float s = 0;
      for (u32 i = 0; i < m; i++) s += dz[i * n + j];
      db[j] = s;
    }
  }
  /* dw[p, j] = sum_i x[i, p] dz[i, j]: A(p, i) = x[i * k + p]. */
  if (dw) gemm(k, n, m, x, 1, k, dz, n, dw, n);
  if (dx) {
    /* dx[i, p] = sum_j dz[i, j] w[p, j]: B = w^T [n, k], packed once into scratch. */
    float *wt = scratch + m * n;
    for (u32 p = 0; p < k; p++)
      for (u32 j = 0; j < n; j++) wt[j * k + p] = w[p * n + j];
    gemm(m, k, n, dz, n, 1, wt, k, dx, k);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Optimizers: one call updates every parameter, in place.                                  */
/* ---------------------------------------------------------------------------------------- */

/*
 * Adam / AdamW with PyTorch's arithmetic in float32, over `count` parameters described by
 * `table`: per parameter 7 words, [size, param, grad, m, v, vmax, out] (vmax 0 without
 * amsgrad). The moments are updated in place, the new parameter is written to `out` (a new
 * buffer: tfjs's wasm matMul caches packed weights by buffer, so a parameter's buffer must not
 * change under it).
 *   g = grad + coupled * p;  p = p * shrink  (AdamW: shrink = 1 - lr * wd, coupled = 0)
 *   m = b1 m + c1 g;  v = b2 v + c2 g^2;  vmax = max(vmax, v)   (c = 1 - b)
 *   out = p - stepSize * m / (sqrt(v) / root2 + eps)
 */
EXPORT(adam_update)
void adam_update(u32 count, const u32 *table, float beta1, float complement1, float beta2,
                 float complement2, float epsilon, float stepSize, float root2, float coupled,
                 float shrink) {
  /* 1 - beta comes from the caller, computed in float64 and rounded once, as PyTorch's
   * alpha = 1 - beta (1 - 0.999f in float32 is off by 1.3e-5). */
  const v128_t b1 = wasm_f32x4_splat(beta1), c1 = wasm_f32x4_splat(complement1);
  const v128_t b2 = wasm_f32x4_splat(beta2), c2 = wasm_f32x4_splat(complement2);
  const v128_t eps = wasm_f32x4_splat(epsilon), lr = wasm_f32x4_splat(stepSize);
  const v128_t r2 = wasm_f32x4_splat(root2), wd = wasm_f32x4_splat(coupled);
  const v128_t sh = wasm_f32x4_splat(shrink);
  for (u32 e = 0; e < count; e++) {
    const u32 *row = table + 7 * e;
    u32 size = row[0];
    const float *p = (const float *)row[1];
    const float *g = (const float *)row[2];
    float *mo = (float *)row[3];
    float *ve = (float *)row[4];
    float *vm = (float *)row[5];
    float *out = (float *)row[6];
    u32 t = 0;
    for (; t + 4 <= size; t += 4) {
      v128_t pv = wasm_v128_load(p + t);
      v128_t gv = wasm_f32x4_add(wasm_v128_load(g + t), wasm_f32x4_mul(wd, pv));
      v128_t mv = wasm_f32x4_add(wasm_f32x4_mul(b1, wasm_v128_load(mo + t)), wasm_f32x4_mul(c1, gv));
      v128_t vv = wasm_f32x4_add(wasm_f32x4_mul(b2, wasm_v128_load(ve + t)),
                                 wasm_f32x4_mul(c2, wasm_f32x4_mul(gv, gv)));
      wasm_v128_store(mo + t, mv);
      wasm_v128_store(ve + t, vv);
      if (vm) {
        vv = wasm_f32x4_max(wasm_v128_load(vm + t), vv);
        wasm_v128_store(vm + t, vv);
      }
      v128_t den = wasm_f32x4_add(wasm_f32x4_div(wasm_f32x4_sqrt(vv), r2), eps);
      pv = wasm_f32x4_sub(wasm_f32x4_mul(pv, sh), wasm_f32x4_div(wasm_f32x4_mul(lr, mv), den));
      wasm_v128_store(out + t, pv);
    }
    for (; t < size; t++) {
      float pv = p[t];
      float gv = g[t] + coupled * pv;
      float mv = beta1 * mo[t] + complement1 * gv;
      float vv = beta2 * ve[t] + complement2 * (gv * gv);
      mo[t] = mv;
      ve[t] = vv;
      if (vm) {
        vv = vm[t] > vv ? vm[t] : vv;
        vm[t] = vv;
      }
      out[t] = pv * shrink - (stepSize * mv) / (__builtin_sqrtf(vv) / root2 + epsilon);
    }
  }
}

/*
 * SGD with momentum (PyTorch's SGD, dampening 0), over `count` parameters: per parameter
 * 5 words, [size, param, grad, velocity, out] (velocity 0 for plain SGD; the velocity in
 * place, the new parameter to `out`, as for Adam).
 *   g = grad + wd * p;  v = mu v + g;  out = p - lr * (nesterov ? g + mu v : v)   (plain: p - lr g)
 */
EXPORT(sgd_update)
void sgd_update(u32 count, const u32 *table, float learningRate, float momentum,
                float weightDecay, u32 nesterov) {
  for (u32 e = 0; e < count; e++) {
    const u32 *row = table + 5 * e;
    u32 size = row[0];
    const float *p = (const float *)row[1];
    const float *g = (const float *)row[2];
    float *vel = (float *)row[3];
    float *out = (float *)row[4];
    for (u32 t = 0; t < size; t++) {
      float gv = g[t] + weightDecay * p[t];
      float step = gv;
      if (vel) {
        float v = momentum * vel[t] + gv;
        vel[t] = v;
        step = nesterov ? gv + momentum * v : v;
      }
      out[t] = p[t] - learningRate * step;
    }
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Softmax cross-entropy: loss and gradient in one pass.                                    */
/* ---------------------------------------------------------------------------------------- */

/* 2^n for integer n in [-126, 127], from the exponent bits. */
static inline float pow2i(int n) {
  union {
    u32 bits;
    float value;
  } u = {(u32)(n + 127) << 23};
  return u.value;
}

/*
 * exp(x) for x <= 0 (the argument is always z - max z), to about 1 ulp: x = n ln 2 + r with
 * |r| <= ln(2) / 2 (ln 2 split in two for an exact product), a degree-7 polynomial for exp(r)
 * (Cephes expf), times 2^n; 0 below -103.
 */
static float exp_nonpositive(float x) {
  if (x < -103.0f) return 0.0f;
  float n = __builtin_floorf(x * 1.44269504088896341f + 0.5f);
  float r = x - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float r2 = r * r;
  float poly = 1.9875691500e-4f;
  poly = poly * r + 1.3981999507e-3f;
  poly = poly * r + 8.3334519073e-3f;
  poly = poly * r + 4.1665795894e-2f;
  poly = poly * r + 1.6666665459e-1f;
  poly = poly * r + 5.0000001201e-1f;
  float e = poly * r2 + r + 1.0f;
  int ni = (int)n;
  /* 2^n may be subnormal for n < -126: scale in two steps. */
  if (ni < -126) return e * pow2i(ni + 64) * pow2i(-64);
  return e * pow2i(ni);
}

/* log(x) for x >= 1 finite (a sum of exps whose largest term is 1), Cephes logf, ~1 ulp. */
static float log_atleast1(float x) {
  union {
    float value;
    u32 bits;
  } u = {x};
  int e = (int)((u.bits >> 23) & 0xff) - 126;
  u.bits = (u.bits & 0x807fffff) | 0x3f000000; /* mantissa in [0.5, 1) */
  float f = u.value;
  if (f < 0.707106781186547524f) {
    e -= 1;
    f = f + f - 1.0f;
  } else {
    f = f - 1.0f;
  }
  float z = f * f;
  float y = 7.0376836292e-2f;
  y = y * f - 1.1514610310e-1f;
  y = y * f + 1.1676998740e-1f;
  y = y * f - 1.2420140846e-1f;
  y = y * f + 1.4249322787e-1f;
  y = y * f - 1.6668057665e-1f;
  y = y * f + 2.0000714765e-1f;
  y = y * f - 2.4999993993e-1f;
  y = y * f + 3.3333331174e-1f;
  y = y * f * z;
  float fe = (float)e;
  y += -2.12194440e-4f * fe;
  y += -0.5f * z;
  return f + y + 0.693359375f * fe;
}

/*
 * Softmax cross-entropy of logits z[rows, classes] against targets, averaged over rows:
 * loss = -1/rows sum_r sum_c t[r, c] log softmax(z[r])[c], and its gradient
 * grad[r, c] = (softmax(z[r])[c] sum_c' t[r, c'] - t[r, c]) / rows, where t = (1 - s) target +
 * s / classes (label smoothing s). Targets are a float distribution per row (`targets`) or,
 * when `indices` is not 0, one class index per row (out of range: an all-zero row). The loss
 * sums in float32 per row, then the rows in float32. Returns the loss.
 */
EXPORT(softmax_cross_entropy)
float softmax_cross_entropy(u32 rows, u32 classes, const float *z, const float *targets,
                            const int *indices, float smoothing, float *grad) {
  float total = 0;
  const float scale = 1.0f / (float)rows;
  const float uniform = smoothing / (float)classes;
  const float keep = 1.0f - smoothing;
  for (u32 r = 0; r < rows; r++) {
    const float *zr = z + r * classes;
    float *gr = grad + r * classes;
    float top = zr[0];
    for (u32 c = 1; c < classes; c++) top = zr[c] > top ? zr[c] : top;
    float sum = 0;
    for (u32 c = 0; c < classes; c++) {
      float e = exp_nonpositive(zr[c] - top);
      gr[c] = e;
      sum += e;
    }
    float logSum = log_atleast1(sum);
    float inverse = 1.0f / sum;
    float mass = 0, dot = 0;
    int target = indices ? indices[r] : -1;
    for (u32 c = 0; c < classes; c++) {
      float t = indices ? ((int)c == target ? 1.0f : 0.0f) : targets[r * classes + c];
      if (smoothing != 0) t = keep * t + uniform;
      mass += t;
      dot += t * (zr[c] - top - logSum);
    }
    for (u32 c = 0; c < classes; c++) {
      float t = indices ? ((int)c == target ? 1.0f : 0.0f) : targets[r * classes + c];
      if (smoothing != 0) t = keep * t + uniform;
      gr[c] = (gr[c] * inverse * mass - t) * scale;
    }
    total += -dot;
  }
  return total * scale;
}

/* y[t] = s * x[t]: the loss gradient scaled by the incoming gradient of the loss. */
EXPORT(scale)
void scale(u32 size, const float *x, float s, float *y) {
  for (u32 t = 0; t < size; t++) y[t] = s * x[t];
}
