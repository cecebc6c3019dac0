import type { ProgressEvent } from '@fanin/experiments';
import type { Output } from '../output/output.js';
import type { Progress } from '../output/progress.js';

/**
 * Turns an experiment's progress events into progress bars: one bar per stage of the experiment
 * ("forward", "train", "coarse"...), ticked as its units finish.
 */
export function experimentProgress(
  output: Output,
  label: string,
): {
  onProgress: (event: ProgressEvent) => void;
  finish: () => void;
} {
  let stage: string | undefined;
  let bar: Progress | undefined;
  return {
    onProgress(event) {
      if (event.stage !== stage || !bar) {
        bar?.done();
        stage = event.stage;
        bar = output.progress(`${label} ${event.stage}`, event.total, 'steps');
      }
      bar.tick(event.done, event.message);
    },
    finish() {
      bar?.done();
      bar = undefined;
    },
  };
}
