import { ref } from 'vue';
import type { BackendInfo } from '../lib/backend-info.js';

export type DemoStatus = 'idle' | 'running' | 'done' | 'error';

/**
 * State shared by every demo: its status, the backend that ran it and the last error.
 * `run` selects the backend first (webgl), runs the work, then records what ran it. A run
 * started while another is going supersedes it: `isCurrent()` tells the work to stop.
 */
export function useDemo() {
  const status = ref<DemoStatus>('idle');
  const backend = ref<BackendInfo>();
  const error = ref('');
  let generation = 0;

  async function run(work: (isCurrent: () => boolean) => Promise<void>): Promise<void> {
    if (import.meta.env.SSR) return;
    const mine = ++generation;
    const isCurrent = () => mine === generation;
    status.value = 'running';
    error.value = '';
    try {
      const { demoBackend, backendInfo } = await import('../lib/backend.js');
      await demoBackend();
      await work(isCurrent);
      if (!isCurrent()) return;
      backend.value = backendInfo();
      status.value = 'done';
    } catch (caught) {
      if (!isCurrent()) return;
      console.warn(caught);
      error.value = caught instanceof Error ? caught.message : String(caught);
      status.value = 'error';
    }
  }

  return { status, backend, error, run };
}
