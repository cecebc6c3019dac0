import { defineEntry, option, resolveOptions } from '@fanin/core';
import type { Space } from '../space/space.js';
import type { SampleContext, Sampler } from './sampler.js';

const gridOptions = {
  points: option.integer({
    description:
      'Values per continuous parameter (both ends included); discrete ones with fewer values use all of them',
    default: 5,
    min: 1,
  }),
} as const;

class GridSampler implements Sampler {
  readonly name = 'grid';
  readonly config: { type: 'grid'; points: number };

  constructor(readonly points: number) {
    this.config = { type: 'grid', points };
  }

  private axes(space: Space): number[][] {
    return Object.values(space).map((distribution) => distribution.gridUnits(this.points));
  }

  capacity(space: Space): number {
    return this.axes(space).reduce((product, axis) => product * axis.length, 1);
  }

  sample({ space, number }: SampleContext): Record<string, number> {
    const names = Object.keys(space);
    const axes = this.axes(space);
    const size = axes.reduce((product, axis) => product * axis.length, 1);
    let rest = number % size;
    const units: Record<string, number> = {};
    for (let i = names.length - 1; i >= 0; i--) {
      const axis = axes[i]!;
      units[names[i]!] = axis[rest % axis.length]!;
      rest = Math.floor(rest / axis.length);
    }
    return units;
  }
}

export const gridEntry = defineEntry('sampler', {
  description:
    'Every combination of evenly spaced values, trial k being the k-th in row-major order (last parameter fastest)',
  options: gridOptions,
  create: (options) => new GridSampler(options.points),
});

/**
 * Grid search, for comparison with random and Sobol: `points` values per continuous
 * parameter (evenly spaced on its own scale, so log-spaced for log distributions), every
 * value of small discrete ones. Trial k is the k-th grid point; a study stops when the grid
 * is exhausted. With several parameters a grid tries each value of an important parameter
 * only `points` times, which is why random search beats it (Bergstra and Bengio 2012).
 */
export function grid(options: { points?: number } = {}): Sampler {
  const resolved = resolveOptions(gridOptions, options, 'sampler "grid"');
  return new GridSampler(resolved.points);
}
