import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BackendName, Registry } from '@fanin/core';
import {
  completedTrials,
  createStudy,
  JournalStorage,
  type OptimizeSummary,
  type Pruner,
  type Study,
} from '@fanin/search';
import { FileJournalBackend, type ProcessPool, processPool } from '@fanin/search/node';
import { RunFailedError } from '../cli/errors.js';
import type { Output } from '../output/output.js';
import { formatNumber } from '../output/table.js';
import { sweepObjective } from './objective.js';
import { sweepFingerprint, sweepMismatch } from './sweep-fingerprint.js';
import type { SweepSpec } from './sweep-file.js';

/** What a sweep run did. */
export interface SweepOutcome {
  readonly journal: string;
  /** One per stage that finished, in order. */
  readonly stages: readonly { readonly study: Study; readonly summary: OptimizeSummary }[];
  /** Stopped by Ctrl-C; running the same command again resumes. */
  readonly interrupted: boolean;
}

/** Options of {@link runSweep}. */
export interface RunSweepOptions {
  readonly journal: string;
  readonly registry: Registry;
  readonly backend: BackendName;
  readonly output: Output;
  readonly signal: AbortSignal;
  /** Overrides the file's worker count. */
  readonly workers?: number;
}

/** The module worker processes import (the built CLI's dist/sweep-worker.js), export `objective`. */
export const WORKER_MODULE = new URL('./sweep-worker.js', import.meta.url);

/** Fails with a clear message when dist/sweep-worker.js is missing (running from sources). */
export function requireWorkerModule(what: string): void {
  if (!existsSync(fileURLToPath(WORKER_MODULE)))
    throw new RunFailedError(`${what} need the built CLI (dist/sweep-worker.js is missing)`);
}

/** The environment of a trial process running dist/sweep-worker.js for this sweep. */
export function workerEnvironment(spec: SweepSpec, backend: BackendName): Record<string, string> {
  return {
    FANIN_SWEEP: JSON.stringify({
      base: spec.base,
      objective: spec.objective,
      source: spec.source,
    }),
    FANIN_BACKEND: backend,
  };
}

/** The sweep's pruner: none, its one pruner, or `anyOf` its pruners. */
export function prunerOf(spec: SweepSpec, registry: Registry): Pruner | undefined {
  if (spec.pruners.length === 0) return undefined;
  if (spec.pruners.length === 1) return registry.create('pruner', spec.pruners[0]!);
  return registry.create('pruner', { type: 'anyOf', pruners: [...spec.pruners] });
}

/**
 * Runs a sweep's stages on a journal file, coarse to fine: stage 1 is the study named after
 * the sweep; each later stage is `study.nextStage()`, over the ranges of the previous stage's
 * best trials. Everything is in the journal, so running it again resumes: finished trials
 * stay, trials left unfinished are re-run with the same parameters, finished stages are
 * skipped, and the refined ranges come out the same.
 *
 * Ctrl-C (the signal) closes the journal at once (every line written is whole and synced;
 * later writes are refused), ends the worker processes and returns `interrupted`: the
 * trials that were running stay unfinished in the journal and are re-run on resume.
 */
export async function runSweep(spec: SweepSpec, options: RunSweepOptions): Promise<SweepOutcome> {
  const { registry, output, signal } = options;
  const workers = options.workers ?? spec.workers;
  const backend = await FileJournalBackend.open(options.journal);
  const storage = new JournalStorage(backend);
  let pool: ProcessPool | undefined;
  let closing: Promise<void> | undefined;
  const onAbort = () => {
    closing = backend.close();
    void pool?.close();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const stages: SweepOutcome['stages'][number][] = [];
  try {
    if (workers > 1) {
      requireWorkerModule('parallel workers');
      pool = processPool({
        module: WORKER_MODULE,
        export: 'objective',
        workers,
        env: workerEnvironment(spec, options.backend),
      });
    }
    const objective = sweepObjective(
      { base: spec.base, objective: spec.objective, source: spec.source },
      registry,
      signal,
    );
    const pruner = prunerOf(spec, registry);
    const epochsOf = (index: number) => spec.stages[index]!.epochs ?? spec.document.training.epochs;
    let study: Study | undefined;
    for (let index = 0; index < spec.stages.length; index++) {
      const stage = spec.stages[index]!;
      if (index === 0) {
        study = await createStudy({
          name: spec.name,
          storage,
          direction: spec.direction,
          seed: spec.seed,
          sampler: registry.create('sampler', spec.sampler),
          ...(pruner ? { pruner } : {}),
          epochs: epochsOf(0),
          space: spec.space,
          fingerprint: sweepFingerprint(spec),
        });
      } else {
        const previous = await study!.trials();
        if (completedTrials(previous).length === 0)
          throw new RunFailedError(
            `stage ${index} of sweep "${spec.name}" has no completed trial, so there is nothing to refine: every trial was pruned or failed (see fanin report ${options.journal})`,
          );
        const top = spec.stages[index - 1]!.top;
        study = await study!.nextStage({
          epochs: epochsOf(index),
          ...(top !== undefined ? { top } : {}),
        });
      }
      const current = study!;
      const record = await storage.getStudy(current.name);
      if (record?.userAttrs.objective !== spec.objective)
        await storage.setStudyUserAttr(current.id, 'objective', spec.objective);
      const before = (await current.trials()).filter((trial) => trial.state !== 'running').length;
      const label = spec.stages.length > 1 ? `stage ${index + 1}/${spec.stages.length}` : 'sweep';
      output.status(
        `${label}: study "${current.name}", ${stage.trials} trials of ${epochsOf(index)} epoch${epochsOf(index) === 1 ? '' : 's'}`,
      );
      const progress = output.progress(label, stage.trials, 'trials');
      let finished = before;
      if (before > 0) progress.tick(Math.min(before, stage.trials), 'resumed from the journal');
      let summary: OptimizeSummary;
      try {
        summary = await current.optimize(pool ?? objective, {
          trials: stage.trials,
          concurrency: workers,
          retries: spec.retries,
          signal,
          onTrialEnd(trial) {
            finished++;
            progress.tick(
              Math.min(finished, stage.trials),
              `#${trial.number} ${trial.state}${trial.value !== undefined ? ` ${formatNumber(trial.value)}` : ''}`,
            );
          },
        });
      } catch (error) {
        if (signal.aborted) break;
        throw error;
      }
      progress.done();
      if (signal.aborted) break;
      stages.push({ study: current, summary });
    }
    return { journal: options.journal, stages, interrupted: signal.aborted };
  } catch (error) {
    throw sweepMismatch(error, spec);
  } finally {
    signal.removeEventListener('abort', onAbort);
    await pool?.close();
    await (closing ?? backend.close());
  }
}
