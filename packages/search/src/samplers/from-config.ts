import { FaninError, resolveOptions } from '@fanin/core';
import { gridEntry } from './grid.js';
import { randomEntry } from './random.js';
import type { Sampler } from './sampler.js';
import { sobolEntry } from './sobol.js';
import { tpeEntry } from './tpe.js';

const BUILT_IN = {
  random: randomEntry,
  grid: gridEntry,
  sobol: sobolEntry,
  tpe: tpeEntry,
} as const;

/** Recreates a built-in sampler from its stored config (`{ "type": "sobol", "scramble": "owen" }`). */
export function samplerFromConfig(config: unknown): Sampler {
  const record = (config ?? {}) as { type?: unknown };
  const type = typeof record.type === 'string' ? record.type : '';
  if (!(type in BUILT_IN)) {
    throw new FaninError(
      'UNKNOWN_SAMPLER',
      `sampler "${type}" is not built in`,
      'Pass the sampler object to loadStudy({ sampler })',
    );
  }
  const entry = BUILT_IN[type as keyof typeof BUILT_IN];
  const { type: _type, ...options } = record as Record<string, unknown>;
  return (entry.create as (options: unknown) => Sampler)(
    resolveOptions(entry.options, options, `sampler "${type}"`),
  );
}
