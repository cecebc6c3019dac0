import type { TextStream } from './output.js';

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  if (seconds < 60) return `${Math.round(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes}m${String(Math.round(seconds - minutes * 60)).padStart(2, '0')}s`;
}

/**
 * A progress bar for long work (epochs, trials, experiments). On a terminal it redraws one line
 * in place (`label [#########.......] 3/10 epochs 12s left  loss 0.31`), at most ten times a
 * second; when stderr is not a terminal (a log file, CI) it prints one plain line per
 * finished unit and nothing in between.
 */
export class Progress {
  private completed = 0;
  private fraction = 0;
  private detail = '';
  private lastDraw = 0;
  private drawn = false;
  private readonly started = performance.now();
  private readonly terminal: boolean;

  constructor(
    private readonly stream: TextStream | undefined,
    private readonly label: string,
    private readonly total: number,
    private readonly unit: string,
  ) {
    this.terminal = Boolean(stream?.isTTY);
  }

  /** Part of the current unit is done (a batch of an epoch): redraws on a terminal only. */
  partial(fraction: number, detail?: string): void {
    this.fraction = Math.min(1, Math.max(0, fraction));
    if (detail !== undefined) this.detail = detail;
    if (this.terminal) this.draw(false);
  }

  /** `completed` units are done; `detail` describes the last one. */
  tick(completed: number, detail?: string): void {
    this.completed = completed;
    this.fraction = 0;
    if (detail !== undefined) this.detail = detail;
    if (!this.stream) return;
    if (this.terminal) this.draw(true);
    else
      this.stream.write(
        `${this.label}: ${completed}/${this.total} ${this.unit}${this.detail ? `  ${this.detail}` : ''}\n`,
      );
  }

  /**
   * Ends the line being redrawn, so that another message starts on a fresh line (the bar
   * is drawn again below it at the next update).
   */
  interrupt(): void {
    if (this.terminal && this.drawn) {
      this.stream!.write('\n');
      this.drawn = false;
    }
  }

  /** Ends the bar (a final line on a terminal); `summary` replaces the detail. */
  done(summary?: string): void {
    if (summary !== undefined) this.detail = summary;
    if (!this.stream) return;
    if (this.terminal) {
      this.draw(true);
      this.stream.write('\n');
      this.drawn = false;
    } else if (summary !== undefined) {
      this.stream.write(`${this.label}: ${summary}\n`);
    }
  }

  private draw(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    const position =
      this.total > 0 ? Math.min(1, (this.completed + this.fraction) / this.total) : 1;
    const filled = Math.round(position * BAR_WIDTH);
    const elapsed = (now - this.started) / 1000;
    const left =
      position > 0 && position < 1 ? formatSeconds((elapsed / position) * (1 - position)) : '';
    const line = `${this.label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${this.completed}/${this.total} ${this.unit}${left ? ` ${left} left` : ` ${formatSeconds(elapsed)}`}${this.detail ? `  ${this.detail}` : ''}`;
    const width = this.stream?.columns ?? 100;
    const fitted = line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line;
    this.stream!.write(`${this.drawn ? '\r\x1b[2K' : ''}${fitted}`);
    this.drawn = true;
  }
}
