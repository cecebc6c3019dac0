import { type BackendName, useBackend } from '@fanin/core';
import { type BackendInfo, backendInfo } from './backend-info.js';

let chosen: Promise<BackendName> | undefined;

/**
 * Selects the webgl backend for the demos, once per page. A browser without WebGL falls
 * back to cpu (the badge then says so): the demos still run, more slowly.
 */
export function demoBackend(): Promise<BackendName> {
  chosen ??= useBackend('webgl').catch(async (error: unknown) => {
    console.warn(
      `fanin demos: WebGL is not available (${error instanceof Error ? error.message : String(error)}); using cpu`,
    );
    return useBackend('cpu');
  });
  return chosen;
}

export { type BackendInfo, backendInfo };
