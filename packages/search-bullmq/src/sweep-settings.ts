import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRegistry, describeValue, type EntryConfig, FaninError } from '@fanin/core';
import {
  ATTR,
  type JsonValue,
  type Pruner,
  parseSpace,
  type Space,
  type StudyRecord,
  search,
} from '@fanin/search';

/** Study system attribute holding the settings workers need: {@link SweepSettings}. */
export const SWEEP_ATTR = 'fanin:distributed';

/** Where the objective is: a module every worker can import, and the export to call. */
export interface ObjectiveLocation {
  /** A path (relative to the working directory) or a file: URL. */
  readonly module: string | URL;
  /** Name of the export. Default "default". */
  readonly export?: string;
}

/** What the controller stores with the study for its workers. */
export interface SweepSettings {
  readonly version: 1;
  /** The objective as a file: URL and an export name. */
  readonly objective: { readonly module: string; readonly export: string };
  /** The pruner's config (recreated on each worker from @fanin/search's pruners), or null. */
  readonly pruner: JsonValue;
  /** Re-runs of a trial after its worker died or stalled: it starts at most retries + 1 times. */
  readonly retries: number;
}

/** A file: URL for a module path or URL, as `processPool` does. */
export function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (typeof module !== 'string' || module.length === 0)
    throw new FaninError(
      'INVALID_OPTION',
      `objective module must be a path or a file: URL, got ${describeValue(module)}`,
    );
  if (module.startsWith('file:')) return module;
  return pathToFileURL(resolve(module)).href;
}

/** The objective's location as stored (absolute file: URL, explicit export). */
export function objectiveLocation(objective: ObjectiveLocation): SweepSettings['objective'] {
  if (!objective || (typeof objective.module !== 'string' && !(objective.module instanceof URL)))
    throw new FaninError(
      'INVALID_OPTION',
      'objective must be { module: "path/to/objective.js", export?: "name" }',
      'The objective runs in worker processes, so it is named by module and export',
    );
  return { module: moduleUrl(objective.module), export: objective.export ?? 'default' };
}

const registry = createRegistry({ plugins: [search] });

/** Recreates a pruner from its stored config with @fanin/search's pruners (null: none). */
export function prunerFromConfig(config: JsonValue | undefined): Pruner | undefined {
  if (config === null || config === undefined) return undefined;
  try {
    return registry.create('pruner', config as EntryConfig) as Pruner;
  } catch (error) {
    throw new FaninError(
      'UNKNOWN_PRUNER',
      `pruner config ${JSON.stringify(config)} cannot be recreated on workers: ${(error as Error).message}`,
      "Use one of @fanin/search's pruners (divergence, median, percentile, successiveHalving, anyOf)",
    );
  }
}

/** The settings a study's workers read; throws a clear error for a study no controller set up. */
export function readSweepSettings(study: StudyRecord): SweepSettings {
  const settings = study.systemAttrs[SWEEP_ATTR] as SweepSettings | undefined;
  if (settings?.version !== 1)
    throw new FaninError(
      'NOT_A_DISTRIBUTED_STUDY',
      `study "${study.name}" was not started by a distributed controller (runController / fanin sweep --redis)`,
    );
  return settings;
}

/** What a worker needs of a study: its fanin settings (space, seed, epochs) and the sweep's. */
export interface WorkerStudy {
  readonly record: StudyRecord;
  readonly space: Space;
  readonly seed: number;
  readonly epochs: number | undefined;
  readonly pruner: Pruner | undefined;
  readonly settings: SweepSettings;
}

/** Reads a study's settings as stored by `createStudy` and the controller. */
export function workerStudy(record: StudyRecord): WorkerStudy {
  const stored = record.systemAttrs[ATTR.study] as
    | { space: JsonValue; seed: number; epochs: number | null }
    | undefined;
  if (!stored)
    throw new FaninError(
      'NOT_A_FANIN_STUDY',
      `study "${record.name}" has no fanin settings: another tool wrote it`,
    );
  const settings = readSweepSettings(record);
  return {
    record,
    space: parseSpace(stored.space, `study "${record.name}" space`),
    seed: stored.seed,
    epochs: stored.epochs ?? undefined,
    pruner: prunerFromConfig(settings.pruner),
    settings,
  };
}
