/** The environment variable carrying a worker's trial settings (JSON). */
export const SETTINGS_VARIABLE = 'FANIN_HYPERPARAMETER_SEARCH';
/** The environment variable naming the backend a worker uses. */
export const BACKEND_VARIABLE = 'FANIN_BACKEND';
