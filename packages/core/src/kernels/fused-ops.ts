import type { Scalar, Tensor } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import type { FusedActivation } from './cpu-fused.js';
import { FUSED_KERNELS, fusedKernelsRun } from './fused-kernels.js';

/**
 * The fused training ops: dense (matMul + bias + activation) and softmax cross-entropy, each
 * one fanin kernel forward and one backward, on the cpu and wasm backends.
 *
 * On the gradient tape they skip tfjs's saving of inputs, which clones each saved tensor with
 * an Identity kernel (a copy on wasm): the tape node the engine records for the kernel gets
 * fanin's gradient and, as its saved tensors, new references to the same data (no kernel, no
 * copy), which the engine disposes with the tape after the backward pass like its own clones.
 * They are used for first-order gradients only (a tape at depth 1, as `valueAndGrad` and `fit`
 * record); under a second-order tape callers take the differentiable unfused ops.
 */

/** The groups of fused kernels that can be switched on and off separately. */
export type FusedKernelGroup = 'dense' | 'softmaxCrossEntropy' | 'optimizers';

const enabled: Record<FusedKernelGroup, boolean> = {
  dense: true,
  softmaxCrossEntropy: true,
  optimizers: true,
};

/**
 * Turns fanin's fused kernels on (the default) or off, all of them or by group. Off, `Dense`
 * (and the dense layers of model configs), the softmax cross-entropy loss and the optimizers
 * run the tfjs ops they replace: to compare, or to rule the fused kernels out when chasing a
 * numerical difference.
 *
 * ```ts
 * useFusedKernels(false);                 // everything as tfjs ops
 * useFusedKernels({ optimizers: false }); // only the optimizers' fused update off
 * ```
 */
export function useFusedKernels(on: boolean | Partial<Record<FusedKernelGroup, boolean>>): void {
  if (typeof on === 'boolean') {
    for (const group of Object.keys(enabled) as FusedKernelGroup[]) enabled[group] = on;
    return;
  }
  for (const [group, value] of Object.entries(on))
    if (group in enabled && typeof value === 'boolean') enabled[group as FusedKernelGroup] = value;
}

/** Whether fanin's fused kernels are on: every group, or the one named. */
export function fusedKernelsEnabled(group?: FusedKernelGroup): boolean {
  return group ? enabled[group] : Object.values(enabled).every(Boolean);
}

const ready = new WeakMap<object, true>();

/** The current backend's name when the fused kernels can run on it now, else undefined. */
export function fusedBackend(group: FusedKernelGroup): 'cpu' | 'wasm' | undefined {
  if (!enabled[group]) return undefined;
  const name = tf.getBackend();
  if (name !== 'cpu' && name !== 'wasm') return undefined;
  const backend = tf.backend();
  let usable: boolean | undefined = ready.get(backend);
  if (!usable) {
    // Not cached when false: on wasm the module may still be compiling in the background.
    usable = fusedKernelsRun(name, backend);
    if (usable) ready.set(backend, true);
  }
  return usable ? name : undefined;
}

/** What fanin reads of tfjs's engine (tfjs-core 4.22's `Engine`, public in its JavaScript). */
interface TapeNode {
  readonly inputs: Record<string, Tensor>;
  readonly outputs: Tensor[];
  gradient?: (dys: (Tensor | null)[]) => Record<string, () => Tensor>;
  saved?: Tensor[];
}

interface EngineInternals {
  state: { gradientDepth: number; kernelDepth: number; activeTape: TapeNode[] | null };
  runKernel(name: string, inputs: Record<string, Tensor>, attrs: object): Tensor | Tensor[];
  makeTensorFromTensorInfo(info: tf.TensorInfo, backend?: tf.KernelBackend): Tensor;
}

const engine = () => tf.engine() as unknown as EngineInternals;

type Tape = 'off' | 'first' | 'higher';

function tapeState(): Tape {
  const { gradientDepth, kernelDepth } = engine().state;
  if (gradientDepth === 0 || kernelDepth > 0) return 'off';
  return gradientDepth === 1 ? 'first' : 'higher';
}

/** Whether a tape node recorded so far produced `tensor` (so it may carry a gradient). */
function producedOnTape(tensor: Tensor): boolean {
  const tape = engine().state.activeTape ?? [];
  for (let i = tape.length - 1; i >= 0; i--)
    if (tape[i]!.outputs.some((output) => output.id === tensor.id)) return true;
  return false;
}

/**
 * A second tensor on the same data (the backend's reference count raised), kept out of tidy
 * scopes: what the tape saves instead of a clone.
 */
function reference(tensor: Tensor, keep = true): Tensor {
  const backend = tf.backend();
  backend.incRef(tensor.dataId);
  const copy = engine().makeTensorFromTensorInfo(
    { dataId: tensor.dataId, shape: tensor.shape, dtype: tensor.dtype },
    backend,
  );
  return keep ? tf.keep(copy) : copy;
}

/** The node the engine just recorded for `output`. */
function nodeOf(output: Tensor): TapeNode | undefined {
  const tape = engine().state.activeTape;
  const node = tape?.[tape.length - 1];
  return node?.outputs[0] === output ? node : undefined;
}

/**
 * y = act(x kernel + bias) for x [m, k] and kernel [k, n] (float32) as one fanin kernel, or
 * undefined where it does not apply (another backend, fused kernels off, other dtypes or
 * ranks, an empty batch, a second-order tape): the caller then runs the unfused ops.
 */
export function fusedDense(
  x: Tensor,
  kernel: Tensor,
  bias: Tensor | undefined,
  activation: FusedActivation,
): Tensor | undefined {
  if (!fusedBackend('dense')) return undefined;
  if (x.rank !== 2 || kernel.rank !== 2 || x.shape[0] === 0 || x.shape[1] !== kernel.shape[0])
    return undefined;
  if (x.dtype !== 'float32' || kernel.dtype !== 'float32') return undefined;
  if (bias && (bias.dtype !== 'float32' || bias.rank !== 1 || bias.shape[0] !== kernel.shape[1]))
    return undefined;
  const tape = tapeState();
  if (tape === 'higher') return undefined;
  // The batch itself needs no gradient unless it is an input of the differentiated function:
  // dx is computed with the others when x comes from the tape or is a trainable variable,
  // and by a second kernel only if asked for otherwise.
  const xOnTape =
    tape === 'first' && ((x instanceof tf.Variable && x.trainable) || producedOnTape(x));
  const inputs: Record<string, Tensor> = bias ? { x, kernel, bias } : { x, kernel };
  const y = engine().runKernel(FUSED_KERNELS.dense, inputs, { activation }) as Tensor;
  const node = tape === 'first' ? nodeOf(y) : undefined;
  if (!node) return y;
  const saved = [reference(x), reference(kernel), reference(y)];
  node.saved = saved;
  node.gradient = (dys) => {
    const dy = dys[0]!;
    const [xs, ks, ys] = saved as [Tensor, Tensor, Tensor];
    if (tapeState() !== 'off') return unfusedDenseGradient(dy, xs, ks, ys, activation, !!bias);
    const run = (wanted: string[]) =>
      engine().runKernel(
        FUSED_KERNELS.denseGrad,
        { dy, x: xs, kernel: ks, y: ys },
        { activation, wanted },
      ) as Tensor[];
    const wanted = [...(xOnTape ? ['x'] : []), 'kernel', ...(bias ? ['bias'] : [])];
    const outputs = run(wanted);
    const of = (name: string) => outputs[wanted.indexOf(name)]!;
    return {
      x: xOnTape ? () => of('x') : () => run(['x'])[0]!,
      kernel: () => of('kernel'),
      ...(bias ? { bias: () => of('bias') } : {}),
    };
  };
  return y;
}

/** The same gradients from differentiable tfjs ops (a backward pass that is itself taped). */
function unfusedDenseGradient(
  dy: Tensor,
  x: Tensor,
  kernel: Tensor,
  y: Tensor,
  activation: FusedActivation,
  hasBias: boolean,
): Record<string, () => Tensor> {
  const dz = activation === 'relu' ? tf.mul(dy, tf.step(y)) : dy;
  return {
    x: () => tf.matMul(dz, kernel, false, true),
    kernel: () => tf.matMul(x, dz, true, false),
    ...(hasBias ? { bias: () => tf.sum(dz, 0) } : {}),
  };
}

/**
 * Softmax cross-entropy of logits [rows, classes] against float32 targets of the same shape
 * or int32 class indices [rows], label smoothing s, averaged over rows: one fanin kernel that
 * also writes dLoss/dLogits, which the backward pass scales by the incoming gradient. Undefined
 * where it does not apply (the caller runs the unfused ops).
 */
export function fusedSoftmaxCrossEntropy(
  logits: Tensor,
  targets: Tensor,
  smoothing: number,
): Scalar | undefined {
  if (!fusedBackend('softmaxCrossEntropy')) return undefined;
  if (logits.rank !== 2 || logits.dtype !== 'float32' || logits.size === 0) return undefined;
  const [rows, classes] = logits.shape as [number, number];
  const indices = targets.dtype === 'int32' && targets.rank === 1 && targets.shape[0] === rows;
  const distribution =
    targets.dtype === 'float32' &&
    targets.rank === 2 &&
    targets.shape[0] === rows &&
    targets.shape[1] === classes;
  if (!indices && !distribution) return undefined;
  const tape = tapeState();
  if (tape === 'higher') return undefined;
  // Targets computed from the parameters: their gradient is left to the unfused ops.
  if (tape === 'first' && producedOnTape(targets)) return undefined;
  const [loss, gradient] = engine().runKernel(
    FUSED_KERNELS.softmaxCrossEntropy,
    { logits, targets },
    { smoothing },
  ) as [Scalar, Tensor];
  const node = tape === 'first' ? nodeOf(loss) : undefined;
  if (!node) {
    gradient.dispose();
    return loss;
  }
  const saved = [tf.keep(gradient), reference(logits)];
  node.saved = saved;
  node.gradient = (dys) => {
    const dy = dys[0]!;
    const [g, z] = saved as [Tensor, Tensor];
    return {
      logits: () => {
        if (tapeState() !== 'off') return tf.mul(dy, g);
        const factor = dy.dataSync()[0]!;
        if (factor === 1) return reference(g, false);
        return engine().runKernel(FUSED_KERNELS.scale, { x: g }, { factor }) as Tensor;
      },
      // d/dt of -mean sum t' log softmax(z), t' = (1 - s) t + s / C; none for class indices.
      targets: () =>
        indices
          ? tf.zeros(targets.shape)
          : tf.mul(tf.mul(tf.logSoftmax(z), -(1 - smoothing) / rows), dy),
    };
  };
  return loss;
}
