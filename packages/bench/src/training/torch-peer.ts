import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Sample } from '../measure/timing.js';
import { summarize } from '../measure/timing.js';
import { DEFAULT_PYTHON, type TorchResult } from './torch-script.js';

/** What the script prints first in serve mode, after its warm-up. */
interface Header {
  torch: string;
  threads: number;
  blas: string;
  blasLoaded?: string[];
  blasKind?: string;
}

/** One timed run, as the script answers it: totals in milliseconds. */
interface Answer {
  wallMs: number;
  cpuMs: number;
  loss: number;
}

export interface TorchPeerOptions {
  readonly python?: string;
  /** Steps PyTorch runs in each round. */
  readonly steps: number;
  /** Untimed steps before the first round. */
  readonly warmup?: number;
  /** How long the start, or one round, may take before PyTorch is given up on. */
  readonly timeoutMs?: number;
}

const lastLine = (text: string) => text.trim().split('\n').at(-1) ?? '';

/**
 * PyTorch as one more contender timed in turns with the JavaScript ones: a committed script
 * (`scripts/torch_*.py`) runs in serve mode in its own process (one thread,
 * `OMP_NUM_THREADS=1`), keeps its model warm, and times `steps` steps whenever a round asks;
 * between rounds it waits on stdin and takes no CPU. So PyTorch's time is taken in the same
 * minutes as fanin's, not before them, and a machine that gets busier or quieter during the
 * run moves both. The times are the script's own (`perf_counter`, `process_time`), so the pipe
 * costs nothing. Never throws: a missing Python or torch, a crash or a timeout makes
 * `result()` say why PyTorch was not measured.
 */
export class TorchPeer {
  private readonly samples: Sample[] = [];
  private finalLoss = Number.NaN;
  private failure: string | undefined;
  private readonly exited: Promise<string>;

  private constructor(
    private readonly child: ChildProcessWithoutNullStreams,
    private readonly lines: AsyncIterator<string>,
    private readonly header: Header,
    private readonly options: TorchPeerOptions,
    stderr: () => string,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', () => resolve(lastLine(stderr()) || 'PyTorch exited')),
    );
  }

  /** Starts the script in serve mode and waits for its warm-up; or says why it could not. */
  static async open(
    script: string,
    args: readonly string[],
    options: TorchPeerOptions,
  ): Promise<TorchPeer | { readonly measured: false; readonly reason: string }> {
    const python = options.python ?? DEFAULT_PYTHON;
    if (!existsSync(python)) return { measured: false, reason: `${python} not found` };
    if (!existsSync(script)) return { measured: false, reason: `${script} not found` };
    const child = spawn(
      python,
      [script, ...args, '--serve', '--warmup', String(options.warmup ?? 10)],
      { env: { ...process.env, OMP_NUM_THREADS: '1' }, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const spawnError = new Promise<string>((resolve) =>
      child.once('error', (error) => resolve(error.message)),
    );
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = await within(lines.next(), spawnError, options.timeoutMs ?? 300_000);
    if (typeof first === 'string' || first.done) {
      child.kill('SIGKILL');
      // Its last words are on stderr, read to the end once the process is gone.
      await within(
        new Promise((resolve) => child.once('close', resolve)),
        new Promise<string>(() => {}),
        2000,
      );
      const why = typeof first === 'string' ? first : lastLine(stderr) || 'it exited';
      return { measured: false, reason: `PyTorch did not start: ${why}` };
    }
    try {
      const header = JSON.parse(first.value) as Header;
      return new TorchPeer(child, lines, header, options, () => stderr);
    } catch {
      child.kill('SIGKILL');
      return { measured: false, reason: `PyTorch printed no header: ${first.value.slice(0, 200)}` };
    }
  }

  /** Times one round of `steps` steps; after a failure it does nothing. */
  async runRound(): Promise<void> {
    if (this.failure) return;
    this.child.stdin.write(`${this.options.steps}\n`);
    const next = await within(this.lines.next(), this.exited, this.options.timeoutMs ?? 300_000);
    if (typeof next === 'string' || next.done) {
      this.failure = typeof next === 'string' ? next : await this.exited;
      this.child.kill('SIGKILL');
      return;
    }
    const answer = JSON.parse(next.value) as Answer;
    this.samples.push({ wallMs: answer.wallMs, cpuMs: answer.cpuMs });
    this.finalLoss = answer.loss;
  }

  /** PyTorch's time per step over every round so far, or why there is none. */
  result(): TorchResult {
    if (this.failure) return { measured: false, reason: this.failure };
    if (this.samples.length === 0) return { measured: false, reason: 'no round was timed' };
    const timing = summarize(this.samples, this.options.steps);
    return {
      measured: true,
      version: this.header.torch,
      threads: this.header.threads,
      msPerStep: timing.median,
      cpuMsPerStep: timing.cpuMedian,
      samples: timing.samples,
      blas: this.header.blas,
      blasLoaded: this.header.blasLoaded ?? [],
      blasKind: this.header.blasKind ?? 'unknown',
      finalLoss: this.finalLoss,
    };
  }

  /** Ends the script (it exits at the end of its stdin). */
  close(): void {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    timer.unref();
  }
}

/** The value, or the text of whichever of `failed` or a timeout comes first. */
async function within<T>(
  value: Promise<T>,
  failed: Promise<string>,
  ms: number,
): Promise<T | string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${ms / 1000} s`), ms);
  });
  try {
    return await Promise.race([value, failed, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
