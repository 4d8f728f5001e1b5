export { consoleAlerts, customAlerts } from './destinations.js';
export type { ConsoleAlertsOptions } from './destinations.js';
export type { Alert, AlertDestination, AlertsOptions } from './types.js';
