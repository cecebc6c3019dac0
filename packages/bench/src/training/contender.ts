/**
 * One way of training the reference MLP, set up once and then run for any number of steps.
 * Every contender owns its model, optimizer and data, so several can be timed in turns
 * (round-robin) in one process and share whatever else the machine is doing.
 */
export interface TrainingContender {
  /** Table label, e.g. "fanin fit" or "tfjs-layers fit". */
  readonly name: string;
  /** Steps per call to `run` must be a multiple of this (a `fit` epoch), 1 for plain loops. */
  readonly stepMultiple: number;
  /** Trains for `steps` mini-batch steps (each reads its loss back, as a training loop does). */
  run(steps: number): Promise<void>;
  /** The loss of the last step, to check that the contender trains. */
  lastLoss(): number;
  /** Releases the model, the optimizer state and the data. */
  dispose(): void;
}
