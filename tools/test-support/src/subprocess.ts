// Real subprocesses for the tests that kill, restart or wait on them: scripts run as `node
// --import register-source.mjs script.ts` (the monorepo's TypeScript sources through the source
// hooks, see source-hooks.mjs), with their output collected.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The loader that lets node run the TypeScript sources (pass it on as child processes' execArgv). */
export const LOADER = fileURLToPath(new URL('./register-source.mjs', import.meta.url));
export const SOURCE_EXEC_ARGV = ['--import', LOADER];

/** How a script ended, with everything it printed. */
export interface ScriptExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface Script {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exit: Promise<ScriptExit>;
  /** What it printed so far. */
  stdout(): string;
  stderr(): string;
}

/** Starts `node <script> ...args` with the TypeScript-source loader; output is collected. */
export function startScript(script: URL, args: string[], env: Record<string, string> = {}): Script {
  const child = spawn(process.execPath, [...SOURCE_EXEC_ARGV, fileURLToPath(script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
  });
  const exit = new Promise<ScriptExit>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, pid: child.pid!, exit, stdout: () => stdout, stderr: () => stderr };
}

/** Sends SIGTERM to a still-running script and waits for it to end. */
export async function stopScript(script: Script): Promise<void> {
  if (script.child.exitCode === null && script.child.signalCode === null)
    script.child.kill('SIGTERM');
  await script.exit;
}

/** Polls `condition` every 25 ms until it holds; fails after `limitMs` naming `what`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  what: string,
  limitMs = 60_000,
): Promise<void> {
  const start = Date.now();
  while (!(await condition())) {
    if (Date.now() - start > limitMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The complete lines of a JSONL file that may be being written, parsed (a bare NaN as null). */
export function readJsonLines<T = Record<string, unknown>>(path: string): T[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line.replace(/\bNaN\b/g, 'null')) as T);
}

/** Whether a process is alive. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export type { ChildProcess };
