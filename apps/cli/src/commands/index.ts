import type { Command } from '../cli/command.js';
import { bench } from './bench.js';
import { check } from './check.js';
import { dashboard } from './dashboard.js';
import { list } from './list.js';
import { report } from './report.js';
import { experimentCommands } from './experiment-commands.js';
import { experiments } from './experiments.js';
import { sweep } from './sweep.js';
import { train } from './train.js';
import { worker } from './worker.js';

/**
 * Every `fanin` command, in the order `fanin --help` lists them. A command is one file in
 * this directory exporting a `defineCommand(...)`; to add one (`fanin worker` for
 * distributed sweeps), write its file and append it here.
 */
export const commands: readonly Command[] = [
  experiments,
  ...experimentCommands(),
  train,
  check,
  sweep,
  worker,
  report,
  dashboard,
  list,
  bench,
] as unknown as readonly Command[];
