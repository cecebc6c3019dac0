import type { Tensor, Variable } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { FaninError, ShapeError } from '../errors.js';
import { option } from '../options/option.js';
import type { Optimizer } from './optimizer.js';

/** The learning-rate option every optimizer declares, with its own default. */
export function learningRateOption(defaultValue: number) {
  return option.number({
    description: 'Step size (lr in PyTorch)',
    default: defaultValue,
    greaterThan: 0,
  });
}

/** L2 weight decay added to the gradient (g + weightDecay * p), as PyTorch's `weight_decay`. */
export const weightDecayOption = option.number({
  description: 'L2 penalty: adds weightDecay * parameter to the gradient (PyTorch weight_decay)',
  default: 0,
  min: 0,
});

/**
 * The shared machinery of fanin's optimizers: step counting, gradient checks, L2 weight
 * decay and per-parameter state ("slots", e.g. Adam's moments) keyed by parameter name,
 * held in non-trainable variables and released by `dispose`. A subclass writes `update`,
 * which runs inside `tf.tidy` and assigns the new value to the parameter.
 */
export abstract class BaseOptimizer implements Optimizer {
  abstract readonly name: string;
  learningRate: number;
  /** L2 coefficient (coupled: added to the gradient; AdamW overrides this with decoupled decay). */
  readonly weightDecay: number;
  private steps = 0;
  private readonly slots = new Map<string, Map<string, Variable>>();
  private readonly constants = new Map<number, Tensor>();
  private readonly constantsUsed = new Set<number>();
  private disposed = false;

  constructor(options: { learningRate: number; weightDecay: number }) {
    this.learningRate = options.learningRate;
    this.weightDecay = options.weightDecay;
  }

  get iterations(): number {
    return this.steps;
  }

  step(parameters: ReadonlyMap<string, Variable>, gradients: ReadonlyMap<string, Tensor>): void {
    if (this.disposed)
      throw new FaninError(
        'DISPOSED',
        `optimizer "${this.name}" was disposed`,
        'Create a new optimizer',
      );
    if (!Number.isFinite(this.learningRate) || this.learningRate < 0) {
      throw new FaninError(
        'INVALID_LEARNING_RATE',
        `optimizer "${this.name}": learningRate must be a finite number >= 0, got ${this.learningRate}`,
      );
    }
    for (const [name, gradient] of gradients) {
      const parameter = parameters.get(name);
      if (parameter && !sameShape(parameter.shape, gradient.shape)) {
        throw new ShapeError(
          `optimizer "${this.name}": gradient of "${name}" has shape [${gradient.shape.join(', ')}] but the parameter has [${parameter.shape.join(', ')}]`,
        );
      }
    }
    this.steps += 1;
    const step = this.steps;
    tf.tidy(() => {
      const pending: PendingUpdate[] = [];
      for (const [name, parameter] of parameters) {
        const gradient = gradients.get(name);
        if (gradient) pending.push({ name, parameter, gradient });
      }
      this.updateAll(pending, step);
    });
    for (const [value, tensor] of this.constants) {
      if (this.constantsUsed.has(value)) continue;
      tensor.dispose();
      this.constants.delete(value);
    }
    this.constantsUsed.clear();
  }

  /**
   * A scalar tensor of `value`, kept from step to step while the optimizer uses it: passing a
   * number to a tfjs op uploads a new scalar every time, which costs as much as a small kernel.
   * Scalars a step does not use (a bias correction of an earlier step) are released after it.
   */
  protected scalar(value: number): Tensor {
    let tensor = this.constants.get(value);
    if (!tensor) {
      tensor = tf.keep(tf.scalar(value));
      this.constants.set(value, tensor);
    }
    this.constantsUsed.add(value);
    return tensor;
  }

  /**
   * Updates every parameter that has a gradient this step (inside `tf.tidy`), by default one
   * `update` call each. Optimizers with an update over all parameters in one call (fanin's
   * fused kernels) override it and call `update` for what the fused call cannot take.
   */
  protected updateAll(pending: readonly PendingUpdate[], step: number): void {
    for (const { name, parameter, gradient } of pending)
      this.update(name, parameter, gradient, step);
  }

  /** Computes and assigns the new value of one parameter (inside `tf.tidy`). `step` starts at 1. */
  protected abstract update(
    name: string,
    parameter: Variable,
    gradient: Tensor,
    step: number,
  ): void;

  /** The gradient with L2 weight decay added: g + weightDecay * p. */
  protected decayedGradient(parameter: Variable, gradient: Tensor): Tensor {
    return this.weightDecay > 0
      ? tf.add(gradient, tf.mul(parameter, this.scalar(this.weightDecay)))
      : gradient;
  }

  /** A state tensor of a parameter (created filled with `initial` on first use). */
  protected slot(name: string, slot: string, parameter: Variable, initial = 0): Variable {
    let table = this.slots.get(name);
    if (!table) {
      table = new Map();
      this.slots.set(name, table);
    }
    let state = table.get(slot);
    if (state && !sameShape(state.shape, parameter.shape)) {
      throw new ShapeError(
        `optimizer "${this.name}": parameter "${name}" changed shape from [${state.shape.join(', ')}] to [${parameter.shape.join(', ')}]`,
        'Use a new optimizer for a new model',
      );
    }
    if (!state) {
      // The fill is released at once, so the state holds its data alone (and may be updated
      // in place by the fused kernels from the first step on).
      const filled = tf.fill(parameter.shape, initial);
      state = tf.variable(filled, false);
      filled.dispose();
      table.set(slot, state);
    }
    return state;
  }

  /** Releases every state tensor. */
  dispose(): void {
    for (const table of this.slots.values()) for (const state of table.values()) state.dispose();
    this.slots.clear();
    for (const tensor of this.constants.values()) tensor.dispose();
    this.constants.clear();
    this.disposed = true;
  }
}

/** A parameter with its gradient, waiting for its update in a step. */
export interface PendingUpdate {
  readonly name: string;
  readonly parameter: Variable;
  readonly gradient: Tensor;
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((dim, i) => dim === b[i]);
}
