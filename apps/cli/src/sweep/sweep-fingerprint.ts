import {
  ATTR,
  firstDifference,
  type JsonValue,
  type Storage,
  type StudyFingerprint,
  StudyMismatchError,
} from '@fanin/search';
import type { SweepSpec } from './sweep-file.js';

/**
 * What decides a sweep trial's value besides its parameters, stage epochs, seed, sampler and
 * pruner (which the study checks on its own): the model every trial starts from, the
 * training section (dataset, split, batch size, optimizer, loss, seed, ...) and the
 * objective. Stored with each stage's study; resuming with a sweep file that changed any of
 * it is refused before a trial runs, naming the path that changed (`training.train`).
 * `training.epochs` is left to the stages' epochs check, and what does not change a trial's
 * value (the number of trials, workers, retries) is not in it, so a sweep can be extended.
 */
export function sweepFingerprint(spec: Pick<SweepSpec, 'base' | 'objective'>): StudyFingerprint {
  const { epochs: _epochs, ...training } = spec.base.training as Record<string, unknown>;
  return JSON.parse(
    JSON.stringify({ model: spec.base.model, training, objective: spec.objective }),
  ) as Record<string, JsonValue>;
}

/**
 * A study's refusal to resume, told for a sweep file: what changed, and that undoing it
 * resumes while another name starts a new sweep. Other errors pass through.
 */
export function sweepMismatch(error: unknown, spec: Pick<SweepSpec, 'source'>): unknown {
  if (!(error instanceof StudyMismatchError)) return error;
  return new StudyMismatchError(
    error.study,
    error.what,
    error.stored,
    error.given,
    `The journal holds trials run with the stored ${error.what}; undo the change in ${spec.source} to resume, or give the sweep another "name" (or --journal file) to start a new one`,
  );
}

/**
 * Checks that the stage studies of a sweep that already exist in `storage` were started from
 * the same trial-deciding settings as `spec` (what a `fanin worker` runs trials with): a
 * worker given a changed sweep file would train other models under the same trial numbers.
 * Throws StudyMismatchError naming what differs; studies not created yet are not checked.
 */
export async function checkSweepFingerprint(
  storage: Storage,
  names: readonly string[],
  spec: Pick<SweepSpec, 'base' | 'objective' | 'source'>,
): Promise<void> {
  const given = sweepFingerprint(spec);
  for (const name of names) {
    const record = await storage.getStudy(name);
    const stored = (record?.systemAttrs[ATTR.study] as { fingerprint?: unknown } | undefined)
      ?.fingerprint;
    if (stored === undefined) continue;
    const changed = firstDifference(stored, given, '');
    if (changed)
      throw new StudyMismatchError(
        name,
        changed.path || 'fingerprint',
        changed.stored,
        changed.given,
        `This worker's ${spec.source} differs from the file the sweep was started with; give every worker the controller's sweep file`,
      );
  }
}
