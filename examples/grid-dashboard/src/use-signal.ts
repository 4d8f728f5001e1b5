import type { ReadonlySignal } from '@preact/signals-core';
import { useCallback, useSyncExternalStore } from 'react';

/** Subscribes a component to a Preact signal (the core, without @preact/signals-react's transform). */
export function useSignalValue<T>(s: ReadonlySignal<T>): T {
  const subscribe = useCallback((onChange: () => void) => s.subscribe(() => onChange()), [s]);
  return useSyncExternalStore(subscribe, () => s.peek());
}
