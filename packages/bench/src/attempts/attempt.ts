import type { BackendName } from '@fanin/core';
import type { FaninParts } from '../training/fanin-contenders.js';

/**
 * One speed experiment on fanin's training step: a change to the gradient table, a kernel,
 * the model or the optimizer, timed against the unchanged step in the same run. Attempts
 * are what-if prototypes for the record ("we tried X: it saves Y ms"); fanin itself does
 * not use them.
 */
export interface SpeedAttempt {
  /** camelCase name, e.g. "fusedAdam". */
  readonly name: string;
  /** One sentence: what changes. */
  readonly description: string;
  /** Backends the change applies to. */
  readonly backends: readonly BackendName[];
  /**
   * Swaps in the change (gradient or kernel registrations) and returns the function that
   * puts the originals back. Called around every timed run, so attempts never mix.
   */
  readonly install?: () => () => void;
  /** A different model or optimizer for the step. */
  readonly parts?: FaninParts;
}

/**
 * Several attempts at once (their registrations installed together, later parts winning),
 * to measure what they give combined.
 */
export function combineAttempts(
  name: string,
  description: string,
  attempts: readonly SpeedAttempt[],
): SpeedAttempt {
  const backends = attempts
    .map((attempt) => attempt.backends)
    .reduce((common, next) => common.filter((backend) => next.includes(backend)));
  const installs = attempts.flatMap((attempt) => (attempt.install ? [attempt.install] : []));
  return {
    name,
    description,
    backends,
    ...(installs.length > 0
      ? {
          install: () => {
            const undo = installs.map((install) => install());
            return () => {
              for (const step of undo.reverse()) step();
            };
          },
        }
      : {}),
    parts: Object.assign({}, ...attempts.map((attempt) => attempt.parts ?? {})),
  };
}
