import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { median } from '../measure/statistics.js';
import { repositoryRoot } from '../repository.js';

export interface CliStartupOptions {
  /** Path of the CLI's built entry; default apps/cli/dist/bin.js in the repository. */
  readonly bin?: string;
  /** Runs per command (median reported). */
  readonly runs: number;
  /** Commands to time, as argument lists; default `--version` and `list`. */
  readonly commands?: readonly (readonly string[])[];
}

export interface CommandTiming {
  readonly command: string;
  /** Milliseconds from spawn to exit (median). */
  readonly ms: number;
  readonly samples: readonly number[];
  readonly ok: boolean;
  /** First line of stderr when the command failed. */
  readonly error?: string;
}

export type CliStartupResult =
  | { readonly measured: true; readonly bin: string; readonly commands: readonly CommandTiming[] }
  | { readonly measured: false; readonly reason: string };

/**
 * Cold start of the `fanin` CLI: a fresh `node` process per run, timed from spawn to exit,
 * for `fanin --version` (startup alone) and `fanin list` (startup plus loading every plugin).
 */
export async function cliStartup(options: CliStartupOptions): Promise<CliStartupResult> {
  const root = repositoryRoot();
  const bin = options.bin ?? (root ? join(root, 'apps', 'cli', 'dist', 'bin.js') : undefined);
  if (!bin || !existsSync(bin)) {
    return {
      measured: false,
      reason: `${bin ?? 'apps/cli/dist/bin.js'} does not exist (build the CLI first)`,
    };
  }
  const commands = options.commands ?? [['--version'], ['list']];
  const timings: CommandTiming[] = [];
  for (const args of commands) {
    const samples: number[] = [];
    let error: string | undefined;
    for (let run = 0; run < options.runs; run++) {
      const start = performance.now();
      const failure = await runNode(bin, args);
      samples.push(performance.now() - start);
      if (failure !== undefined) {
        error = failure;
        break;
      }
    }
    timings.push({
      command: `fanin ${args.join(' ')}`,
      ms: median(samples),
      samples,
      ok: error === undefined,
      ...(error !== undefined ? { error } : {}),
    });
  }
  return { measured: true, bin, commands: timings };
}

/** Runs `node bin ...args`; resolves with undefined on success, the error line otherwise. */
function runNode(bin: string, args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { timeout: 60_000 }, (error, _stdout, stderr) => {
      if (!error) return resolve(undefined);
      resolve((stderr.trim().split('\n')[0] || error.message).slice(0, 200));
    });
  });
}
