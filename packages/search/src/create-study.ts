import { FaninError } from '@fanin/core';
import { StudyMismatchError } from './errors.js';
import type { Pruner } from './pruners/pruner.js';
import { samplerFromConfig } from './samplers/from-config.js';
import { random } from './samplers/random.js';
import type { Sampler } from './samplers/sampler.js';
import { checkSpace, parseSpace, type Space, spaceToJSON } from './space/space.js';
import { inMemoryStorage } from './storage/memory-backend.js';
import { distributionFromOptuna } from './storage/optuna-distribution.js';
import { ATTR, type JsonValue, type Storage, type StudyRecord } from './storage/storage.js';
import type { Distribution } from './space/distribution.js';
import { Study } from './study.js';
import { resolveSettings, STUDY_SETTINGS } from './study-settings.js';
import type { StudyOptions } from './study-options.js';
import { canonicalJson, firstDifference, type StudyFingerprint } from './study-fingerprint.js';

interface StoredStudyConfig {
  readonly version: 1;
  readonly space: JsonValue;
  readonly seed: number;
  readonly sampler: JsonValue;
  readonly epochs: number | null;
  readonly parent?: string;
  /** The pruner's config (absent in journals of fanin versions that did not store it). */
  readonly pruner?: JsonValue;
  /** `options.fingerprint` (absent when none was given, or in older journals). */
  readonly fingerprint?: JsonValue;
}

/**
 * Creates a study, or resumes the one of that name in the storage (checking that space,
 * seed, sampler, direction, epochs, pruner and `fingerprint` are the same: otherwise it
 * throws StudyMismatchError naming what changed, before any trial runs, rather than mixing
 * two experiments).
 *
 * ```ts
 * const study = await createStudy({
 *   name: 'mlp-coarse', storage: await journalStorage('runs/mlp.jsonl'), seed: 7, epochs: 2,
 *   space: { learningRate: logUniform(1e-6, 1e-1), activation: categorical(['relu', 'tanh']) },
 *   pruner: divergence(),
 * });
 * ```
 */
export async function createStudy<const S extends Space>(
  options: StudyOptions<S>,
): Promise<Study<S>> {
  const space = checkSpace(options.space) as S;
  const { name, direction, seed, epochs } = resolveSettings(STUDY_SETTINGS, options, 'createStudy');
  const sampler = options.sampler ?? random();
  const storage = options.storage ?? inMemoryStorage();
  const record = await storage.createStudy(name, direction);
  if (record.direction !== direction)
    throw new StudyMismatchError(name, 'direction', record.direction, direction);
  const config: StoredStudyConfig = {
    version: 1,
    space: spaceToJSON(space) as JsonValue,
    seed,
    sampler: sampler.config as JsonValue,
    epochs: epochs ?? null,
    ...(options.parent ? { parent: options.parent } : {}),
    pruner: (options.pruner?.config ?? null) as JsonValue,
    ...(options.fingerprint ? { fingerprint: options.fingerprint as JsonValue } : {}),
  };
  const stored = record.systemAttrs[ATTR.study] as StoredStudyConfig | undefined;
  if (stored === undefined) {
    const trials = await storage.getTrials(record.id);
    if (trials.length > 0) {
      throw new FaninError(
        'NOT_A_FANIN_STUDY',
        `study "${name}" has ${trials.length} trials but no fanin settings: another tool wrote it`,
        'Use another study name',
      );
    }
    await storage.setStudySystemAttr(record.id, ATTR.study, config as unknown as JsonValue);
  } else {
    const checks: [string, unknown, unknown][] = [
      ['space', stored.space, config.space],
      ['seed', stored.seed, config.seed],
      ['sampler', stored.sampler, config.sampler],
      ['epochs', stored.epochs, config.epochs],
    ];
    for (const [what, before, now] of checks) {
      if (canonicalJson(before) !== canonicalJson(now))
        throw new StudyMismatchError(name, what, canonicalJson(before), canonicalJson(now));
    }
    // Settings older journals lack are adopted; once stored, they are checked like the rest.
    const pruned =
      'pruner' in stored ? firstDifference(stored.pruner, config.pruner, 'pruner') : undefined;
    if (pruned) throw new StudyMismatchError(name, pruned.path, pruned.stored, pruned.given);
    if (stored.fingerprint !== undefined || config.fingerprint !== undefined) {
      const changed = firstDifference(stored.fingerprint ?? null, config.fingerprint ?? null, '');
      if (changed && stored.fingerprint !== undefined)
        throw new StudyMismatchError(
          name,
          changed.path || 'fingerprint',
          changed.stored,
          changed.given,
        );
    }
    if (
      !('pruner' in stored) ||
      (stored.fingerprint === undefined && config.fingerprint !== undefined)
    )
      await storage.setStudySystemAttr(record.id, ATTR.study, config as unknown as JsonValue);
  }
  return new Study<S>(
    storage,
    record,
    space,
    seed,
    sampler,
    options.pruner,
    epochs,
    options.fingerprint,
  );
}

/**
 * Opens a study another tool wrote (Optuna: no fanin settings) from the distributions its
 * trials were written with: the space is inferred from them, the seed is 0, the sampler
 * random unless one is given, no epochs. Its trials read as they are; continuing it samples
 * new trials (numbers after the existing ones) with that sampler.
 */
async function loadForeignStudy(
  options: {
    readonly storage: Storage;
    readonly name: string;
    readonly sampler?: Sampler;
    readonly pruner?: Pruner;
  },
  record: StudyRecord,
): Promise<Study> {
  const distributions = (await options.storage.paramDistributions?.(record.id)) ?? {};
  if (Object.keys(distributions).length === 0)
    throw new FaninError(
      'NOT_A_FANIN_STUDY',
      `study "${options.name}" has no fanin settings and no trial parameters to infer its space from: another tool wrote it`,
    );
  const space: Record<string, Distribution> = {};
  for (const [name, json] of Object.entries(distributions)) {
    try {
      space[name] = distributionFromOptuna(json);
    } catch (error) {
      if (error instanceof FaninError)
        error.message = `study "${options.name}", parameter "${name}": ${error.message}`;
      throw error;
    }
  }
  return new Study(
    options.storage,
    record,
    checkSpace(space),
    0,
    options.sampler ?? random(),
    options.pruner,
    undefined,
  );
}

/**
 * Opens an existing study from its storage for reports or to continue it, with the space,
 * seed, sampler and epochs it was created with. Pass `pruner` to prune while continuing. A
 * study Optuna wrote (no fanin settings) opens with the space inferred from its trials'
 * distributions, seed 0 and the random sampler (or `sampler`).
 */
export async function loadStudy(options: {
  readonly storage: Storage;
  readonly name: string;
  readonly sampler?: Sampler;
  readonly pruner?: Pruner;
}): Promise<Study> {
  const record = await options.storage.getStudy(options.name);
  if (!record) {
    const names = (await options.storage.listStudies()).map((s) => `"${s.name}"`);
    throw new FaninError(
      'UNKNOWN_STUDY',
      `no study "${options.name}" in this storage`,
      names.length > 0 ? `Studies: ${names.join(', ')}` : 'The storage has no studies',
    );
  }
  const stored = record.systemAttrs[ATTR.study] as StoredStudyConfig | undefined;
  if (!stored) return loadForeignStudy(options, record);
  const space = parseSpace(stored.space, `study "${options.name}" space`);
  const sampler = options.sampler ?? samplerFromConfig(stored.sampler);
  return new Study(
    options.storage,
    record,
    space,
    stored.seed,
    sampler,
    options.pruner,
    stored.epochs ?? undefined,
    stored.fingerprint as StudyFingerprint | undefined,
  );
}
