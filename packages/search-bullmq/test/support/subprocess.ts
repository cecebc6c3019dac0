// Real subprocesses for the fault tests: workers and controllers run as `node --import
// register-source.mjs script.ts` (this package's TypeScript sources through the test loader).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The loader that lets node run the TypeScript sources (pass it on as the trial processes' execArgv). */
export const LOADER = fileURLToPath(new URL('./register-source.mjs', import.meta.url));
export const SOURCE_EXEC_ARGV = ['--import', LOADER];

export interface Script {
  readonly child: ChildProcess;
  readonly pid: number;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stdout(): string;
  stderr(): string;
}

/** Starts `node <script> ...args`; output is collected. */
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
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
  });
  return { child, pid: child.pid!, exit, stdout: () => stdout, stderr: () => stderr };
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

/** The complete lines of a JSONL file that may be being written, parsed. */
export function readJsonLines<T = Record<string, unknown>>(path: string): T[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  return text
    .slice(0, text.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as T);
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

/** Sends SIGTERM to a still-running script and waits for it to end. */
export async function stopScript(script: Script): Promise<void> {
  if (script.child.exitCode === null && script.child.signalCode === null)
    script.child.kill('SIGTERM');
  await script.exit;
}
