// The study most fault tests sweep: the `bowl` objective over two uniform parameters, with
// its step duration as a fixed parameter (so it reaches the objective in any process).
import { fixed, uniform } from '@fanin/search';

export const objective = {
  module: new URL('../objectives/sweep.mjs', import.meta.url),
  export: 'bowl',
} as const;

export function bowlSpace(stepMs: number) {
  return { x: uniform(0, 1), y: uniform(0, 1), stepMs: fixed(stepMs) };
}

/** Test timings: short locks so a dead worker is noticed in about two seconds. */
export const FAST_LOCKS = { lockDuration: 2000, stalledInterval: 1000 } as const;
