import { diag } from '@opentelemetry/api';
import type { BudgetSeverity, BudgetViolation } from '../budgets/types.js';
import type { Diagnostics } from '../diagnostics.js';
import type { Alert, AlertDestination, AlertsOptions } from './types.js';

const RANK: Record<BudgetSeverity, number> = { warning: 0, error: 1, critical: 2 };

export const ALERT_DEFAULTS = { minSeverity: 'warning', throttleMs: 1000 } as const;

/** Filters, throttles and fans violations out to the alert destinations; never throws. */
export class AlertDispatcher {
  private readonly destinations: AlertDestination[];
  private readonly minRank: number;
  private readonly throttleMs: number;
  /** Per operation[:subject]: when the last alert went out, and how many were suppressed since. */
  private readonly windows = new Map<string, { sentAt: number; suppressed: number }>();

  constructor(
    options: AlertsOptions,
    private readonly diagnostics: Diagnostics,
  ) {
    this.destinations = [...(options.destinations ?? [])];
    this.minRank = RANK[options.minSeverity ?? ALERT_DEFAULTS.minSeverity];
    this.throttleMs = options.throttleMs ?? ALERT_DEFAULTS.throttleMs;
  }

  get active(): boolean {
    return this.destinations.length > 0;
  }

  dispatch(violation: BudgetViolation): Promise<void> {
    if (this.destinations.length === 0 || RANK[violation.severity] < this.minRank) return Promise.resolve();
    const key = violation.subject === undefined ? violation.operation : `${violation.operation}:${violation.subject}`;
    let suppressed = 0;
    if (this.throttleMs > 0) {
      const window = this.windows.get(key);
      if (window && violation.timestamp - window.sentAt < this.throttleMs) {
        window.suppressed++;
        this.diagnostics.alertsSuppressed++;
        return Promise.resolve();
      }
      suppressed = window?.suppressed ?? 0;
      this.windows.set(key, { sentAt: violation.timestamp, suppressed: 0 });
    }
    const alert: Alert = { ...violation, suppressed };
    return Promise.all(this.destinations.map((d) => this.sendOne(d, alert))).then(() => undefined);
  }

  private async sendOne(destination: AlertDestination, alert: Alert): Promise<void> {
    try {
      await destination.send({ ...alert });
      this.diagnostics.alertsSent++;
    } catch (error) {
      this.diagnostics.alertErrors++;
      diag.error(`frametel: alert destination '${destination.name}' failed`, error);
    }
  }
}
