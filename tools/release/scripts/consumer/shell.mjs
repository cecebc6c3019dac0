// Running commands for the consumer test: each one logged, bounded in time, failing loudly with
// its output, in an environment that points npm at the local registry.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A failed step: what ran, where, and the tail of what it printed. */
export class StepError extends Error {}

/**
 * Runs `command` with `args` in `cwd`. Resolves with stdout and stderr; rejects with a
 * StepError carrying the last lines of output when it exits non-zero or outlives `timeout` ms.
 * @param {string} command
 * @param {readonly string[]} args
 * @param {{ cwd: string, env?: NodeJS.ProcessEnv, timeout?: number, allowFailure?: boolean, input?: string }} options
 * @returns {Promise<{ code: number, stdout: string, stderr: string }>}
 */
export function run(command, args, options) {
  const { cwd, env = process.env, timeout = 300_000, allowFailure = false, input } = options;
  const shown = [command, ...args].join(' ');
  log(`$ ${shown}    (in ${cwd})`);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.stdin.end(input ?? '');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new StepError(`${shown} did not finish in ${timeout / 1000} s\n${tail(stdout, stderr)}`),
      );
    }, timeout);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new StepError(`${shown} could not start: ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      const result = { code: code ?? 1, stdout, stderr };
      const seconds = (Date.now() - started) / 1000;
      if (seconds >= 10) log(`  (${seconds.toFixed(0)} s: ${shown.slice(0, 60)})`);
      if (code === 0 || allowFailure) resolve(result);
      else reject(new StepError(`${shown} exited ${code} (in ${cwd})\n${tail(stdout, stderr)}`));
    });
  });
}

/** Runs one line of a shell script with bash (for the commands a guide gives). */
export function runShell(line, options) {
  return run('bash', ['-euo', 'pipefail', '-c', line], options);
}

function tail(stdout, stderr) {
  const lines = `${stdout}\n${stderr}`.trim().split('\n');
  return lines.slice(-40).join('\n');
}

/** Prints a progress line of the consumer test. */
export function log(line) {
  process.stdout.write(`[consumer] ${line}\n`);
}

/** A temporary folder removed by `cleanup()`, with the folders the test makes inside it. */
export function workArea() {
  const root = mkdtempSync(join(tmpdir(), 'fanin-consumer-'));
  return {
    root,
    /** @param {string} name */
    folder(name) {
      const path = join(root, name);
      mkdirSync(path, { recursive: true });
      return path;
    },
    cleanup() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}
