import { option } from '@fanin/core';

/** How big an experiment run is: `tiny` (seconds, for tests), `quick` (the default), `full` (the classic sizes). */
export const SIZES = ['tiny', 'quick', 'full'] as const;
export type Size = (typeof SIZES)[number];

/** `--size`. */
export const sizeOption = option.enum(SIZES, {
  description:
    "Size of the run: quick (the default: under a minute for every experiment together on two cores), full (the classic experiments' sizes) or tiny (seconds, a smoke test)",
  default: 'quick',
});

/** `--full`: shorthand for `--size full`. */
export const fullOption = option.boolean({
  description: 'Run the classic sizes (same as --size full)',
  default: false,
});
