import type { Attributes } from '@opentelemetry/api';
import { SUBJECT_ATTRIBUTES } from '../semconv.js';
import type { BudgetEntry, BudgetMap, ResolvedBudget } from './types.js';

/** The span's subject (component, signal or table name), if it has one. */
export function spanSubject(attributes: Attributes): string | undefined {
  for (const key of SUBJECT_ATTRIBUTES) {
    const value = attributes[key];
    if (typeof value === 'string') return value;
  }
  return undefined;
}

interface OperationBudgets {
  /** The `operation` entry: a budget, null when disabled, undefined when absent. */
  base: ResolvedBudget | null | undefined;
  /** `operation:subject` entries by subject. */
  subjects: Map<string, ResolvedBudget | null> | undefined;
}

function resolveEntry(key: string, entry: number | BudgetEntry): ResolvedBudget | null {
  if (typeof entry === 'number')
    return Object.freeze({ key, budgetMs: entry, severity: 'warning', impact: 'userVisible' });
  if (entry.enabled === false) return null;
  return Object.freeze({
    key,
    budgetMs: entry.budgetMs,
    severity: entry.severity ?? 'warning',
    impact: entry.impact ?? 'userVisible',
  });
}

/**
 * Budget lookup for a span: `operation:subject` first, then `operation`. Built once from a
 * validated BudgetMap into nested maps so the per-span lookup does no string building.
 */
export class BudgetTable {
  private readonly byOperation = new Map<string, OperationBudgets>();

  constructor(budgets: BudgetMap) {
    for (const [key, entry] of Object.entries(budgets)) {
      // The subject follows the first ':' (operation keys never contain one; names may).
      const colon = key.indexOf(':');
      const operation = colon === -1 ? key : key.slice(0, colon);
      let slot = this.byOperation.get(operation);
      if (!slot) {
        slot = { base: undefined, subjects: undefined };
        this.byOperation.set(operation, slot);
      }
      const resolved = resolveEntry(key, entry);
      if (colon === -1) slot.base = resolved;
      else (slot.subjects ??= new Map()).set(key.slice(colon + 1), resolved);
    }
  }

  /** The budget that applies to `operation` (and `subject`), or undefined when none does. */
  resolve(operation: string, subject?: string): ResolvedBudget | undefined {
    const slot = this.byOperation.get(operation);
    if (slot === undefined) return undefined;
    if (subject !== undefined && slot.subjects !== undefined) {
      const specific = slot.subjects.get(subject);
      if (specific !== undefined) return specific ?? undefined;
    }
    return slot.base ?? undefined;
  }

  /**
   * The budget of a span with these attributes: as resolve(operation, spanSubject(attributes)),
   * but the subject is looked up only when the operation has `operation:subject` entries — a
   * span's attributes are a large object where each missing key is a slow lookup, and most
   * operations (every custom track() name) have no subject entries or no budget at all.
   */
  forSpan(operation: string, attributes: Attributes): ResolvedBudget | undefined {
    const slot = this.byOperation.get(operation);
    if (slot === undefined) return undefined;
    if (slot.subjects !== undefined) {
      const subject = spanSubject(attributes);
      const specific = subject === undefined ? undefined : slot.subjects.get(subject);
      if (specific !== undefined) return specific ?? undefined;
    }
    return slot.base ?? undefined;
  }

  /** The operation-level budget (no subject), as shown in reports. */
  operationBudget(operation: string): ResolvedBudget | undefined {
    return this.byOperation.get(operation)?.base ?? undefined;
  }
}
