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

/**
 * The contender with some global registrations swapped in around each of its runs (and
 * restored after), e.g. a gradient table: contenders timed in turns never see each other's.
 */
export function withInstalled(
  contender: TrainingContender,
  install: () => () => void,
): TrainingContender {
  const around = async <T>(body: () => T | Promise<T>): Promise<T> => {
    const uninstall = install();
    try {
      return await body();
    } finally {
      uninstall();
    }
  };
  return {
    ...contender,
    run: (steps) => around(() => contender.run(steps)),
    lastLoss: () => {
      const uninstall = install();
      try {
        return contender.lastLoss();
      } finally {
        uninstall();
      }
    },
  };
}
