import type { Callback, CallbackContext, Tensor } from '@fanin/core';
import { tf } from '@fanin/core';

/** ‖ΔW‖ / ‖W‖ of each layer's kernel at the measured steps. */
export interface UpdateRatioTrace {
  /** Optimizer steps (0-based) at which the ratios were measured. */
  readonly steps: number[];
  /** By layer (the kernel's name without ".kernel", e.g. "0"), one ratio per measured step. */
  readonly ratios: Record<string, number[]>;
}

/**
 * A training-loop callback measuring, every `every`-th optimizer step, the ratio of the
 * update's norm to the weights' norm for each kernel (cs231n: about 1e-3 is healthy; far
 * below, the layer learns too slowly; far above, too fast). Biases and normalization
 * parameters are left out: a zero-initialized bias has no scale to compare with.
 */
export function updateRatioCallback(
  every: number,
): Callback & { readonly trace: UpdateRatioTrace } {
  const trace: UpdateRatioTrace = { steps: [], ratios: {} };
  let before: Map<string, Tensor> | undefined;
  let step = 0;
  const release = () => {
    for (const tensor of before?.values() ?? []) tensor.dispose();
    before = undefined;
  };
  const kernels = (context: CallbackContext) =>
    [...context.model.namedParameters()].filter(([name]) => name.endsWith('kernel'));
  return {
    trace,
    onBeforeStep(context) {
      release();
      if (context.step % every !== 0) return;
      step = context.step;
      before = new Map(kernels(context).map(([name, variable]) => [name, tf.clone(variable)]));
    },
    onAfterStep(context) {
      if (!before) return;
      const snapshot = before;
      const names = [...snapshot.keys()];
      const current = new Map(kernels(context));
      const numbers = tf.tidy(() =>
        tf
          .stack(
            names.flatMap((name) => {
              const old = snapshot.get(name)!;
              const now = current.get(name) ?? old;
              return [tf.norm(old), tf.norm(tf.sub(now, old))];
            }),
          )
          .dataSync(),
      );
      release();
      trace.steps.push(step);
      names.forEach((name, i) => {
        const layer = name.slice(0, -'.kernel'.length) || name;
        const weight = numbers[2 * i]!;
        const update = numbers[2 * i + 1]!;
        trace.ratios[layer] ??= [];
        trace.ratios[layer].push(weight > 0 ? update / weight : Number.NaN);
      });
    },
    onTrainEnd() {
      release();
    },
  };
}
