import { afterEach, describe, expect, it, vi } from 'vitest';
import { eventLoopYielder } from './event-loop.js';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('eventLoopYielder', () => {
  it('in Node, lets pending macrotasks run on every call', async () => {
    const pause = eventLoopYielder();
    let ran = false;
    setImmediate(() => {
      ran = true;
    });
    await pause();
    expect(ran).toBe(true);
  });

  it('without setImmediate (browsers), yields only when the interval has passed', async () => {
    vi.stubGlobal('setImmediate', undefined);
    let ran = false;
    const timer = setTimeout(() => {
      ran = true;
    }, 0);
    const lazy = eventLoopYielder(60_000);
    await lazy();
    expect(ran).toBe(false); // returned at once: only microtasks ran
    clearTimeout(timer);

    const eager = eventLoopYielder(0);
    let calls = 0;
    for (let i = 0; i < 3; i++) {
      await eager();
      calls++;
    }
    expect(calls).toBe(3); // each yield went through a macrotask and came back
  });
});
