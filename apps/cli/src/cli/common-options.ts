import { BACKENDS, option } from '@fanin/core';
import { short } from './command.js';

/** `--json`: machine-readable output. */
export const jsonOption = option.boolean({
  description: 'Print the result as JSON on stdout (progress and warnings stay on stderr)',
  default: false,
});

/** `--quiet`: no progress. */
export const quietOption = short(
  option.boolean({
    description: 'Print no progress or status lines on stderr; only results and errors',
    default: false,
  }),
  'q',
);

/** `--backend`: the tfjs backend the work runs on. */
export const backendOption = option.enum(BACKENDS, {
  description:
    'TensorFlow.js backend: wasm (WebAssembly with SIMD, the fast one in Node), cpu (plain JavaScript) or webgl (browsers only)',
  default: 'wasm',
});

/** `--seed`: the seed of every random stream of the run. */
export const seedOption = option.integer({
  description:
    'Seed of the weights, shuffling, splits and sampling: the same seed gives the same run',
  default: 0,
  min: 0,
  max: 2 ** 32 - 1,
});

/** Options every command takes: `--json` and `--quiet`. */
export const outputOptions = { json: jsonOption, quiet: quietOption } as const;

/** Options of commands that compute: `--backend`, `--seed`, `--json`, `--quiet`. */
export const computeOptions = {
  backend: backendOption,
  seed: seedOption,
  ...outputOptions,
} as const;
