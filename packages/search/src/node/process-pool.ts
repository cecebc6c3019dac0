import { type ChildProcess, fork } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describeValue, FaninError } from '@fanin/core';
import type { Executor, TrialChannel, TrialJob, TrialOutcome } from '@fanin/search';

/** Options of {@link processPool}. */
export interface ProcessPoolOptions {
  /** The module exporting the objective: a path (relative to the working directory) or a file: URL. */
  readonly module: string | URL;
  /** Name of the export holding the objective function. Default "default". */
  readonly export?: string;
  /** Number of worker processes. Default: one per core (`os.availableParallelism()`). */
  readonly workers?: number;
  /**
   * Node flags for the workers. Default none: the parent's `process.execArgv` (a test
   * runner's, a debugger's) is not inherited. Pass `['--import', 'tsx']` for a TypeScript objective.
   */
  readonly execArgv?: readonly string[];
  /** Extra environment variables for the workers. */
  readonly env?: Readonly<Record<string, string>>;
}

interface Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  job:
    | {
        readonly number: number;
        readonly channel: TrialChannel;
        readonly done: (outcome: TrialOutcome) => void;
      }
    | undefined;
  chain: Promise<void>;
  exited: boolean;
}

const WORKER_ENTRY = fileURLToPath(new URL('./worker-entry.js', import.meta.url));
const METHODS = new Set(['report', 'shouldPrune', 'setUserAttr', 'suggest']);

function moduleUrl(module: string | URL): string {
  if (module instanceof URL) return module.href;
  if (module.startsWith('file:')) return module;
  return pathToFileURL(resolve(module)).href;
}

/**
 * Runs trials in worker processes (`child_process.fork`), one trial per worker at a time.
 * Functions cannot cross processes, so the objective is named by module and export; each
 * worker imports it once. Workers send every report to this process, which alone writes the
 * journal. A worker that dies during a trial (killed, out of memory, a native crash) makes
 * that trial end as crashed (the study fails it, or re-runs it up to `retries`); the other
 * workers go on and a fresh worker replaces it. Processes, not threads: a crash stays in
 * its process, and tfjs-node does not load in a second worker thread (tfjs#8388).
 * Idle workers do not keep the parent alive; `close()` ends them.
 */
export class ProcessPool implements Executor {
  readonly concurrency: number;
  private readonly module: string;
  private readonly exportName: string;
  private readonly workers = new Set<Worker>();
  private readonly idle: Worker[] = [];
  private readonly waiting: ((worker: Worker) => void)[] = [];
  private closed = false;

  constructor(private readonly options: ProcessPoolOptions) {
    const count = options.workers ?? availableParallelism();
    if (!Number.isInteger(count) || count < 1)
      throw new FaninError(
        'INVALID_OPTION',
        `processPool: workers must be an integer >= 1, got ${describeValue(count)}`,
      );
    if (!options.module)
      throw new FaninError(
        'INVALID_OPTION',
        'processPool: "module" is required (the file exporting the objective)',
      );
    this.concurrency = count;
    this.module = moduleUrl(options.module);
    this.exportName = options.export ?? 'default';
  }

  /** Process ids of the live workers. */
  get pids(): number[] {
    return [...this.workers].map((worker) => worker.child.pid!).filter((pid) => pid !== undefined);
  }

  private spawn(): Worker {
    const child = fork(WORKER_ENTRY, [], {
      execArgv: [...(this.options.execArgv ?? [])],
      env: { ...process.env, ...this.options.env },
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let markReady: () => void = () => {};
    const worker: Worker = {
      child,
      ready: new Promise((r) => (markReady = r)),
      job: undefined,
      chain: Promise.resolve(),
      exited: false,
    };
    child.on(
      'message',
      (message: {
        type: string;
        id?: number;
        method?: string;
        args?: unknown[];
        outcome?: TrialOutcome;
      }) => {
        if (message.type === 'ready') markReady();
        else if (message.type === 'call')
          this.answer(worker, message.id!, message.method!, message.args ?? []);
        else if (message.type === 'done') {
          const job = worker.job;
          worker.job = undefined;
          worker.chain.then(() => {
            job?.done(message.outcome!);
            this.release(worker);
          });
        }
      },
    );
    const onGone = (how: string) => {
      if (worker.exited) return;
      worker.exited = true;
      markReady();
      this.workers.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index >= 0) this.idle.splice(index, 1);
      const job = worker.job;
      worker.job = undefined;
      if (job)
        job.done({
          kind: 'crashed',
          reason: `worker process ${child.pid} ${how} during trial ${job.number}`,
        });
      if (!this.closed && this.waiting.length > 0) this.waiting.shift()!(this.spawn());
    };
    child.on('exit', (code, signal) =>
      onGone(signal ? `was killed by ${signal}` : `exited with code ${code}`),
    );
    child.on('error', (error) => onGone(`failed (${error.message})`));
    this.workers.add(worker);
    return worker;
  }

  private answer(worker: Worker, id: number, method: string, args: unknown[]): void {
    const job = worker.job;
    worker.chain = worker.chain.then(async () => {
      let reply: { type: 'reply'; id: number; value?: unknown; error?: string };
      if (!job || !METHODS.has(method))
        reply = { type: 'reply', id, error: `no trial is running for call "${method}"` };
      else {
        try {
          const fn = (
            job.channel as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>
          )[method]!;
          reply = { type: 'reply', id, value: await fn.apply(job.channel, args) };
        } catch (error) {
          reply = {
            type: 'reply',
            id,
            error: error instanceof Error ? error.message : String(error),
          };
        }
      }
      if (!worker.exited && worker.child.connected) worker.child.send(reply);
    });
  }

  private release(worker: Worker): void {
    if (worker.exited) return;
    const next = this.waiting.shift();
    if (next) next(worker);
    else {
      this.idle.push(worker);
      worker.child.unref();
      (worker.child.channel as { unref?: () => void } | undefined)?.unref?.();
    }
  }

  private acquire(): Promise<Worker> {
    const idle = this.idle.pop();
    if (idle) return Promise.resolve(idle);
    if (this.workers.size < this.concurrency) return Promise.resolve(this.spawn());
    return new Promise((resolvePromise) => this.waiting.push(resolvePromise));
  }

  /** Starts every worker now and waits until each is up (so timing excludes start-up). */
  async warm(): Promise<void> {
    while (this.workers.size < this.concurrency) this.idle.push(this.spawn());
    await Promise.all([...this.workers].map((worker) => worker.ready));
    for (const worker of this.idle) {
      worker.child.unref();
      (worker.child.channel as { unref?: () => void } | undefined)?.unref?.();
    }
  }

  async run(job: TrialJob, channel: TrialChannel): Promise<TrialOutcome> {
    if (this.closed) throw new FaninError('POOL_CLOSED', 'processPool: the pool is closed');
    const worker = await this.acquire();
    worker.child.ref();
    (worker.child.channel as { ref?: () => void } | undefined)?.ref?.();
    return new Promise<TrialOutcome>((done) => {
      worker.job = { number: job.number, channel, done };
      try {
        worker.child.send({ type: 'run', job, module: this.module, exportName: this.exportName });
      } catch (error) {
        worker.job = undefined;
        done({
          kind: 'crashed',
          reason: `could not send trial ${job.number} to worker ${worker.child.pid}: ${(error as Error).message}`,
        });
      }
    });
  }

  /** Ends every worker (they finish nothing: close after `optimize` resolves). */
  async close(): Promise<void> {
    this.closed = true;
    const exits = [...this.workers].map(
      (worker) =>
        new Promise<void>((resolvePromise) => {
          if (worker.exited) return resolvePromise();
          worker.child.once('exit', () => resolvePromise());
          // An idle worker is unref'ed; ref it so that waiting for its exit keeps the process alive.
          worker.child.ref();
          worker.child.kill('SIGTERM');
        }),
    );
    await Promise.all(exits);
    this.idle.length = 0;
  }
}

/**
 * A pool of worker processes running the objective exported by `module`:
 *
 * ```ts
 * const pool = processPool({ module: new URL('./objective.js', import.meta.url), export: 'objective' });
 * try { await study.optimize(pool, { trials: 100 }); } finally { await pool.close(); }
 * ```
 */
export function processPool(options: ProcessPoolOptions): ProcessPool {
  return new ProcessPool(options);
}
