import type { Tensor, Variable } from '@tensorflow/tfjs-core';

/**
 * Updates parameters from their gradients. Optimizers keep their own state per parameter
 * name (momentum buffers...) and dispose it in `dispose`.
 */
export interface Optimizer {
  readonly name: string;
  /** The current learning rate (schedules and callbacks may change it). */
  learningRate: number;
  /** Applies one update. Gradients missing for a parameter leave it unchanged. */
  step(parameters: ReadonlyMap<string, Variable>, gradients: ReadonlyMap<string, Tensor>): void;
  /** Number of steps taken. */
  readonly iterations: number;
  dispose(): void;
}
