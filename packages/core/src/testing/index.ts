/**
 * Helpers for testing code built on fanin: leak checks. Imported as `@fanin/core/testing`
 * so that they stay out of production bundles.
 */
export { countLeaks, liveTensors } from './leaks.js';
