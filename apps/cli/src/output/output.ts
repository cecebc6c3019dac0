import { Progress } from './progress.js';

/** A writable text stream (process.stdout, process.stderr, or a test's collector). */
export interface TextStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
  readonly columns?: number;
}

/** How a command prints. */
export interface OutputOptions {
  /** Results as JSON on stdout; human text is not printed. */
  readonly json: boolean;
  /** No progress or status on stderr. */
  readonly quiet: boolean;
}

/**
 * Where a command's output goes. Results go to stdout (text, or JSON with `--json`);
 * progress, status and warnings go to stderr, so `fanin list --json | jq` and
 * `fanin train > log.txt` both work. `--quiet` silences progress and status, never errors
 * or warnings.
 */
export class Output {
  private active: Progress | undefined;

  constructor(
    readonly stdout: TextStream,
    readonly stderr: TextStream,
    readonly options: OutputOptions,
  ) {}

  get json(): boolean {
    return this.options.json;
  }

  get quiet(): boolean {
    return this.options.quiet;
  }

  /** Human-readable result text on stdout (skipped with `--json`). */
  text(text: string): void {
    if (!this.options.json) this.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  /** The machine-readable result on stdout (only with `--json`). */
  result(value: unknown): void {
    if (this.options.json) this.stdout.write(`${JSON.stringify(value, jsonReplacer, 2)}\n`);
  }

  /** A status line on stderr (skipped with `--quiet`). */
  status(line: string): void {
    if (this.options.quiet) return;
    this.active?.interrupt();
    this.stderr.write(`${line}\n`);
  }

  /** A warning on stderr (always). */
  warn(line: string): void {
    this.active?.interrupt();
    this.stderr.write(`warning: ${line}\n`);
  }

  /**
   * A progress bar on stderr over `total` units ("epochs", "trials"): redrawn in place on a
   * terminal, one plain line per finished unit otherwise, nothing with `--quiet`.
   */
  progress(label: string, total: number, unit: string): Progress {
    this.active = new Progress(this.options.quiet ? undefined : this.stderr, label, total, unit);
    return this.active;
  }
}

/** JSON for results: NaN and Infinity become null-safe strings, Maps and Sets arrays/objects. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (value instanceof Map) return Object.fromEntries(value);
  if (value instanceof Set) return [...value];
  return value;
}
