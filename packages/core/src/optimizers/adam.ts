import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { hostValues } from '../backend/host-values.js';
import { option } from '../options/option.js';
import { defineOptimizer } from '../registry/entry.js';
import { adamInPlace } from '../kernels/fused-optimizers.js';
import {
  BaseOptimizer,
  learningRateOption,
  type PendingUpdate,
  weightDecayOption,
} from './base-optimizer.js';

/** Adam's options besides the learning rate and weight decay, shared with AdamW. */
export const adamOptions = {
  beta1: option.number({
    description: 'Decay of the running mean of gradients (first moment)',
    default: 0.9,
    min: 0,
    lessThan: 1,
  }),
  beta2: option.number({
    description: 'Decay of the running mean of squared gradients (second moment)',
    default: 0.999,
    min: 0,
    lessThan: 1,
  }),
  epsilon: option.number({
    description: 'Added to the bias-corrected root in the denominator',
    default: 1e-8,
    min: 0,
  }),
  amsgrad: option.boolean({
    description: 'Use the running maximum of the second moment (Reddi et al. 2018)',
    default: false,
  }),
};

export interface AdamSettings {
  learningRate: number;
  weightDecay: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  amsgrad: boolean;
}

/**
 * Adam with PyTorch's arithmetic. `decoupled` selects AdamW: the decay multiplies the
 * parameter by (1 - lr * weightDecay) before the Adam step instead of entering the gradient.
 */
export class AdamOptimizer extends BaseOptimizer {
  readonly name: string;
  private readonly settings: AdamSettings;
  private readonly decoupled: boolean;

  constructor(settings: AdamSettings, decoupled: boolean) {
    super({ learningRate: settings.learningRate, weightDecay: settings.weightDecay });
    this.settings = settings;
    this.decoupled = decoupled;
    this.name = decoupled ? 'adamw' : 'adam';
  }

  /**
   * Every parameter in one fused call where the backend allows it (wasm/kernels.c's
   * `adam_update` on wasm, one JavaScript loop on cpu, both in place); the others, and every
   * parameter on webgl, through `update`.
   */
  protected override updateAll(pending: readonly PendingUpdate[], step: number): void {
    const { beta1, beta2, epsilon, amsgrad } = this.settings;
    const entries = pending.map(({ name, parameter, gradient }) => ({
      name,
      parameter,
      gradient,
      first: this.slot(name, 'firstMoment', parameter),
      second: this.slot(name, 'secondMoment', parameter),
      maximum: amsgrad ? this.slot(name, 'maxSecondMoment', parameter) : undefined,
    }));
    const rest = adamInPlace(entries, {
      beta1,
      beta2,
      epsilon,
      stepSize: this.learningRate / (1 - beta1 ** step),
      root2: Math.sqrt(1 - beta2 ** step),
      coupled: this.decoupled ? 0 : this.weightDecay,
      shrink: this.decoupled ? 1 - this.learningRate * this.weightDecay : 1,
    });
    for (const entry of rest) this.update(entry.name, entry.parameter, entry.gradient, step);
  }

  protected update(name: string, parameter: Variable, gradient: Tensor, step: number): void {
    const { beta1, beta2, amsgrad } = this.settings;
    const first = this.slot(name, 'firstMoment', parameter);
    const second = this.slot(name, 'secondMoment', parameter);
    const maximum = amsgrad ? this.slot(name, 'maxSecondMoment', parameter) : undefined;
    const state = { parameter, gradient, first, second, maximum };
    const correction = {
      stepSize: this.learningRate / (1 - beta1 ** step),
      root2: Math.sqrt(1 - beta2 ** step),
    };
    if (updatesOnHost(parameter) && this.updateOnHost(state, correction)) return;
    this.updateWithKernels(state, correction);
  }

  /**
   * The update as tfjs kernels (12 per parameter): the bias correction of the second moment
   * is folded into the step size and epsilon,
   * lr / (1 - b1^t) * m / (sqrt(v) / c + eps) = (lr c / (1 - b1^t)) * m / (sqrt(v) + eps c),
   * with c = sqrt(1 - b2^t), so the correction costs no kernel.
   */
  private updateWithKernels(state: AdamState, correction: Correction): void {
    const { beta1, beta2, epsilon } = this.settings;
    const { parameter, first, second, maximum } = state;
    let value: Tensor = parameter;
    let g = state.gradient;
    if (this.decoupled) {
      const decay = 1 - this.learningRate * this.weightDecay;
      if (this.weightDecay > 0) value = tf.mul(parameter, this.scalar(decay));
    } else {
      g = this.decayedGradient(parameter, g);
    }
    first.assign(tf.add(tf.mul(first, this.scalar(beta1)), tf.mul(g, this.scalar(1 - beta1))));
    second.assign(
      tf.add(tf.mul(second, this.scalar(beta2)), tf.mul(tf.square(g), this.scalar(1 - beta2))),
    );
    let secondUsed: Tensor = second;
    if (maximum) {
      maximum.assign(tf.maximum(maximum, second));
      secondUsed = maximum;
    }
    const denominator = tf.add(tf.sqrt(secondUsed), this.scalar(epsilon * correction.root2));
    const stepSize = this.scalar(correction.stepSize * correction.root2);
    parameter.assign(tf.sub(value, tf.mul(tf.div(first, denominator), stepSize)));
  }

  /**
   * The update as one JavaScript loop over the host copies of the backend (the cpu backend's
   * arrays, the wasm heap), in float64 with PyTorch's order of operations, writing new tensors
   * for the parameter and its moments. Returns false (nothing done) when a value is not on the
   * host.
   */
  private updateOnHost(state: AdamState, correction: Correction): boolean {
    const { beta1, beta2, epsilon } = this.settings;
    const p = hostValues(state.parameter);
    const g = hostValues(state.gradient);
    const m = hostValues(state.first);
    const v = hostValues(state.second);
    const vMax = state.maximum ? hostValues(state.maximum) : undefined;
    if (!p || !g || !m || !v || (state.maximum && !vMax)) return false;
    const size = p.length;
    const nextP = new Float32Array(size);
    const nextM = new Float32Array(size);
    const nextV = new Float32Array(size);
    const nextMax = vMax ? new Float32Array(size) : undefined;
    const coupled = this.decoupled ? 0 : this.weightDecay;
    const shrink = this.decoupled ? 1 - this.learningRate * this.weightDecay : 1;
    const { stepSize, root2 } = correction;
    for (let i = 0; i < size; i++) {
      const gi = g[i]! + coupled * p[i]!;
      // The moments are stored as float32, and the step uses the stored values (as PyTorch).
      const mi = Math.fround(beta1 * m[i]! + (1 - beta1) * gi);
      let vi = Math.fround(beta2 * v[i]! + (1 - beta2) * gi * gi);
      nextM[i] = mi;
      nextV[i] = vi;
      if (nextMax) {
        vi = Math.max(vMax![i]!, vi);
        nextMax[i] = vi;
      }
      nextP[i] = p[i]! * shrink - (stepSize * mi) / (Math.sqrt(vi) / root2 + epsilon);
    }
    // Tensors are created only now: on wasm a new tensor may move the heap under the views.
    const { shape } = state.parameter;
    state.first.assign(tf.tensor(nextM, shape));
    state.second.assign(tf.tensor(nextV, shape));
    if (nextMax) state.maximum!.assign(tf.tensor(nextMax, shape));
    state.parameter.assign(tf.tensor(nextP, shape));
    return true;
  }
}

interface AdamState {
  readonly parameter: Variable;
  readonly gradient: Tensor;
  readonly first: Variable;
  readonly second: Variable;
  readonly maximum: Variable | undefined;
}

interface Correction {
  /** lr / (1 - beta1^t) */
  readonly stepSize: number;
  /** sqrt(1 - beta2^t) */
  readonly root2: number;
}

/**
 * Which parameters Adam updates with a JavaScript loop on the host, by size: every one on
 * cpu (tfjs's cpu kernels are JavaScript loops too, and 14x slower here because scalar
 * broadcasting takes their generic path); on wasm those of at most 4096 values (for a bias of
 * 100 values one loop costs less than the engine's overhead of 12 kernels, for a 100 x 100
 * weight the SIMD kernels win; measured on the reference MLP); never on webgl. Mutable for
 * tests, which run both paths against the PyTorch fixtures; not part of the public API.
 */
export const hostUpdateLimits = { cpu: Number.POSITIVE_INFINITY, wasm: 4096 };

function updatesOnHost(parameter: Variable): boolean {
  const backend = tf.getBackend();
  if (backend === 'cpu') return parameter.size <= hostUpdateLimits.cpu;
  if (backend === 'wasm') return parameter.size <= hostUpdateLimits.wasm;
  return false;
}

/**
 * Adam (Kingma & Ba 2015): m <- b1 m + (1 - b1) g; v <- b2 v + (1 - b2) g^2;
 * p <- p - lr / (1 - b1^t) * m / (sqrt(v) / sqrt(1 - b2^t) + eps). Bias-corrected moments,
 * epsilon added after the correction, as PyTorch `Adam` (Keras adds an epsilon-hat instead and
 * defaults it to 1e-7). `weightDecay` is L2 added to the gradient, which Adam's scaling weakens
 * for parameters with large gradients; prefer `adamw` for regularization.
 */
export const adam = defineOptimizer({
  description: 'Adam: bias-corrected running moments of the gradient (Kingma & Ba)',
  options: {
    learningRate: learningRateOption(0.001),
    ...adamOptions,
    weightDecay: weightDecayOption,
  },
  create: (options) => new AdamOptimizer(options, false),
});
