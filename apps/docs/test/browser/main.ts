import { runSuite, suiteIds } from './suites.js';

declare global {
  interface Window {
    faninParity?: { suites: string[]; run: typeof runSuite };
  }
}

window.faninParity = { suites: suiteIds(), run: runSuite };
const status = document.getElementById('status');
if (status) status.textContent = `ready: ${window.faninParity.suites.join(', ')}`;
