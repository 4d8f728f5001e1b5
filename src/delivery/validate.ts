import { checkBoolean, checkNumber, checkObject, fail } from '../config/checks.js';
import { invalid } from '../config/errors.js';
import { DEFAULTS } from '../options.js';
import type { PersistenceConfig } from './persistence.js';

const KEYS = ['maxItems', 'maxBytes', 'signals'] as const;

/** `persistence`: undefined → on where IndexedDB exists; true/false; or an object of bounds. */
export function resolvePersistence(value: unknown): PersistenceConfig | false {
  const defaults = DEFAULTS.persistence;
  if (value === undefined) return typeof indexedDB === 'undefined' ? false : { ...defaults };
  if (typeof value === 'boolean') return checkBoolean('persistence', value) && { ...defaults };
  const p = checkObject('persistence', value, KEYS, 'true, false or { maxItems, maxBytes, signals }');
  if (p.signals !== undefined && p.signals !== 'important' && p.signals !== 'all')
    fail(invalid('persistence.signals', `'important' or 'all'`, p.signals));
  return {
    maxItems:
      p.maxItems === undefined
        ? defaults.maxItems
        : checkNumber('persistence.maxItems', p.maxItems, 1, 1e6, 'an integer from 1 to 1000000', true),
    maxBytes:
      p.maxBytes === undefined
        ? defaults.maxBytes
        : checkNumber('persistence.maxBytes', p.maxBytes, 1000, 1e9, 'a number of bytes from 1000 to 1000000000', true),
    signals: (p.signals as PersistenceConfig['signals'] | undefined) ?? defaults.signals,
  };
}
