import type { BackendName, Registry } from '@fanin/core';
import {
  completedTrials,
  loadStudy,
  type OptimizeSummary,
  type Sampler,
  type Study,
} from '@fanin/search';
import { RunFailedError } from '../cli/errors.js';
import { loadSearchBullmq } from '../optional/optional-modules.js';
import type { Output } from '../output/output.js';
import { formatNumber } from '../output/table.js';
import { prunerOf, requireWorkerModule, WORKER_MODULE } from './run-sweep.js';
import type { SweepSpec } from './sweep-file.js';
import { sweepFingerprint, sweepMismatch } from './sweep-fingerprint.js';

/** Options of {@link runDistributedSweep}. */
export interface DistributedSweepOptions {
  /** `redis://host:6379`: the Redis holding the journal and the queues. */
  readonly redisUrl: string;
  readonly registry: Registry;
  readonly backend: BackendName;
  readonly output: Output;
  readonly signal: AbortSignal;
}

/** What a distributed sweep did: the stages that finished, open on the Redis journal. */
export interface DistributedSweepOutcome {
  readonly stages: readonly { readonly study: Study; readonly summary: OptimizeSummary }[];
  /** Stopped by Ctrl-C: queued and running trials go on in the workers; run again to resume. */
  readonly interrupted: boolean;
  /** Closes the Redis connection the stages are read through (after the report is built). */
  close(): Promise<void>;
}

/**
 * The names of a sweep's stage studies: the sweep's name, then `<name>/stage-2` and so on
 * (`study.nextStage`'s names). A `fanin worker` serves all of them.
 */
export function stageNames(spec: SweepSpec): string[] {
  return spec.stages.map((_, index) =>
    index === 0 ? spec.name : `${spec.name}/stage-${index + 1}`,
  );
}

/**
 * Runs a sweep's stages on Redis with `@fanin/search-bullmq`'s controller instead of a local
 * journal and process pool: the same stages, sampler, pruners and seed, so trial k of a stage
 * has the same parameters as locally. Trials run in `fanin worker` processes on any machine
 * (each with the same sweep file), which import the CLI's dist/sweep-worker.js. Every stage
 * after the first is `study.nextStage()` of the previous one, created in the Redis journal,
 * then run by a controller. Running it again resumes: finished stages return at once.
 */
export async function runDistributedSweep(
  spec: SweepSpec,
  options: DistributedSweepOptions,
): Promise<DistributedSweepOutcome> {
  const { registry, output, signal, redisUrl } = options;
  requireWorkerModule('distributed sweeps');
  const { redisStorage, runController } = await loadSearchBullmq('fanin sweep --redis');
  // Opened first: an unreachable Redis or a bad URL fails here with one line (exit 2).
  const storage = await redisStorage({ url: redisUrl });
  const shown = storage.target.display;
  output.status(
    `sweep "${spec.name}" (${spec.stages.length} stage${spec.stages.length === 1 ? '' : 's'}, ${spec.objective}) on ${shown}: start workers with fanin worker --redis ${shown} --config ${spec.source}`,
  );
  const stages: DistributedSweepOutcome['stages'][number][] = [];
  const close = () => storage.close();
  try {
    const pruner = prunerOf(spec, registry);
    const samplerOf = () => registry.create('sampler', spec.sampler) as Sampler;
    const epochsOf = (index: number) => spec.stages[index]!.epochs ?? spec.document.training.epochs;
    const names = stageNames(spec);
    let previous: Study | undefined;
    for (let index = 0; index < spec.stages.length; index++) {
      const stage = spec.stages[index]!;
      let space = spec.space;
      if (previous) {
        const trials = await previous.trials();
        if (completedTrials(trials).length === 0)
          throw new RunFailedError(
            `stage ${index} of sweep "${spec.name}" has no completed trial, so there is nothing to refine: every trial was pruned or failed`,
          );
        const top = spec.stages[index - 1]!.top;
        const next = await previous.nextStage({
          name: names[index]!,
          epochs: epochsOf(index),
          sampler: samplerOf(),
          ...(pruner ? { pruner } : {}),
          ...(top !== undefined ? { top } : {}),
        });
        space = next.space;
      }
      const label = spec.stages.length > 1 ? `stage ${index + 1}/${spec.stages.length}` : 'sweep';
      output.status(
        `${label}: study "${names[index]}", ${stage.trials} trials of ${epochsOf(index)} epoch${epochsOf(index) === 1 ? '' : 's'}`,
      );
      const progress = output.progress(label, stage.trials, 'trials');
      let finished = 0;
      const summary = await runController({
        redisUrl,
        name: names[index]!,
        space,
        direction: spec.direction,
        seed: spec.seed,
        sampler: samplerOf(),
        ...(pruner ? { pruner } : {}),
        epochs: epochsOf(index),
        ...(index > 0 ? { parent: names[index - 1]! } : {}),
        fingerprint: sweepFingerprint(spec),
        objective: { module: WORKER_MODULE, export: 'objective' },
        trials: stage.trials,
        retries: spec.retries,
        signal,
        onTrialEnd(trial) {
          finished++;
          progress.tick(
            Math.min(finished, stage.trials),
            `#${trial.number} ${trial.state}${trial.value !== undefined ? ` ${formatNumber(trial.value)}` : ''}`,
          );
        },
        log: (line) => output.status(line),
      });
      progress.done();
      if (signal.aborted || summary.stopped) break;
      const study = await loadStudy({
        storage,
        name: names[index]!,
        sampler: samplerOf(),
        ...(pruner ? { pruner } : {}),
      });
      const record = await storage.getStudy(study.name);
      if (record?.userAttrs.objective !== spec.objective)
        await storage.setStudyUserAttr(study.id, 'objective', spec.objective);
      // The controller counts the study's trials (not only this run's): rerun is not tracked.
      stages.push({
        study,
        summary: {
          complete: summary.complete,
          pruned: summary.pruned,
          failed: summary.failed,
          rerun: 0,
          retried: summary.retried,
          total: summary.total,
        },
      });
      previous = study;
    }
    return { stages, interrupted: signal.aborted, close };
  } catch (error) {
    await close();
    throw sweepMismatch(error, spec);
  }
}
