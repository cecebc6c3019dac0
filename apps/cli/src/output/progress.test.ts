import { describe, expect, it } from 'vitest';
import { Output, type TextStream } from './output.js';

function stream(isTTY: boolean): TextStream & { text: string } {
  return {
    isTTY,
    columns: 120,
    text: '',
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

describe('progress', () => {
  it('prints one plain line per finished unit when stderr is not a terminal', () => {
    const stderr = stream(false);
    const output = new Output(stream(false), stderr, { json: false, quiet: false });
    const progress = output.progress('train', 3, 'epochs');
    progress.partial(0.5, 'loss 1.2');
    progress.tick(1, 'loss 0.9');
    progress.partial(0.5);
    progress.tick(2, 'loss 0.5');
    progress.done('stopped');
    expect(stderr.text).toBe(
      'train: 1/3 epochs  loss 0.9\ntrain: 2/3 epochs  loss 0.5\ntrain: stopped\n',
    );
  });

  it('redraws one line in place on a terminal', () => {
    const stderr = stream(true);
    const output = new Output(stream(false), stderr, { json: false, quiet: false });
    const progress = output.progress('sweep', 4, 'trials');
    progress.tick(1, '#0 complete');
    progress.tick(2, '#1 complete');
    progress.done();
    const frames = stderr.text.split('\r\x1b[2K');
    expect(frames).toHaveLength(3);
    expect(frames[0]).toMatch(/^sweep \[#{6}\.{18}\] 1\/4 trials .* {2}#0 complete$/);
    expect(frames[2]).toMatch(/^sweep \[#{12}\.{12}\] 2\/4 trials .*\n$/);
  });

  it('prints nothing with --quiet, and results only as JSON with --json', () => {
    const stdout = stream(false);
    const stderr = stream(false);
    const output = new Output(stdout, stderr, { json: true, quiet: true });
    output.progress('train', 2, 'epochs').tick(1, 'x');
    output.status('loading');
    output.text('a table');
    output.result({ value: Number.NaN, best: 1 });
    output.warn('careful');
    expect(stderr.text).toBe('warning: careful\n');
    expect(JSON.parse(stdout.text)).toEqual({ value: 'NaN', best: 1 });
  });
});

describe('status lines while a bar is drawn on a terminal', () => {
  it('start on a fresh line', () => {
    const stderr = stream(true);
    const output = new Output(stream(false), stderr, { json: false, quiet: false });
    const progress = output.progress('train', 2, 'epochs');
    progress.tick(1);
    output.status('saving');
    progress.tick(2);
    progress.done();
    const lines = stderr.text.split('\n');
    expect(lines[0]).toMatch(/^train \[#{12}\.{12}\] 1\/2 epochs/);
    expect(lines[1]).toBe('saving');
    // The last line is redrawn in place by done() and ended.
    const redrawn = lines[2]!.split('\r\x1b[2K');
    expect(redrawn).toHaveLength(2);
    for (const frame of redrawn) expect(frame).toMatch(/^train \[#{24}\] 2\/2 epochs/);
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
  });
});
