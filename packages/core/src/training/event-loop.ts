/**
 * Returns a function that lets other work run (an abort, a Ctrl-C handler, a redraw) between
 * training steps. In Node it always yields through `setImmediate`, which costs microseconds.
 * In browsers, where `setTimeout(0)` is clamped to 4 ms, it yields through a MessageChannel
 * (or setTimeout) only when `intervalMs` have passed since the last yield.
 */
export function eventLoopYielder(intervalMs = 16): () => Promise<void> {
  const immediate = (globalThis as { setImmediate?: (callback: () => void) => unknown })
    .setImmediate;
  if (typeof immediate === 'function') {
    return () => new Promise<void>((resolve) => immediate(resolve));
  }
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  let last = now();
  const post = macrotask();
  return async () => {
    if (now() - last < intervalMs) return;
    await new Promise<void>(post);
    last = now();
  };
}

function macrotask(): (resolve: () => void) => void {
  if (typeof MessageChannel !== 'undefined') {
    const channel = new MessageChannel();
    const waiting: (() => void)[] = [];
    channel.port1.onmessage = () => waiting.shift()?.();
    // Where ports can keep a process alive (Node, Deno), this one must not.
    (channel.port1 as { unref?: () => void }).unref?.();
    return (resolve) => {
      waiting.push(resolve);
      channel.port2.postMessage(null);
    };
  }
  return (resolve) => setTimeout(resolve, 0);
}
