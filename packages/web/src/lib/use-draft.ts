import { useEffect, useRef, useState } from 'react';

/**
 * Whether a kept draft holds anything the user typed: a form opened and left untouched is stored
 * too (as its blank values), and announcing that as "restored" would tell of nothing.
 */
function differsFromBlank<T extends object>(value: T, initial: T): boolean {
  const blank = initial as Record<string, unknown>;
  return Object.entries(value).some(([k, v]) => v !== blank[k] && v !== '' && v !== null && v !== false);
}

/**
 * Form state that survives a reload, a lost connection or a closed tab: kept in localStorage
 * under `key` until the form is saved (call `clear`). On a shared phone the draft is bound to the
 * form's key, which includes the user id.
 */
export function useDraft<T extends object>(
  key: string,
  initial: T,
): { value: T; set: (patch: Partial<T>) => void; clear: () => void; restored: boolean } {
  const storageKey = `tuntas.draft.${key}`;
  const [state, setState] = useState<{ value: T; restored: boolean }>(() => {
    const saved = localStorage.getItem(storageKey);
    if (saved) {
      try {
        const value = { ...initial, ...(JSON.parse(saved) as Partial<T>) };
        return { value, restored: differsFromBlank(value, initial) };
      } catch {
        localStorage.removeItem(storageKey);
      }
    }
    return { value: initial, restored: false };
  });
  const cleared = useRef(false);
  useEffect(() => {
    if (!cleared.current) localStorage.setItem(storageKey, JSON.stringify(state.value));
  }, [storageKey, state.value]);
  return {
    value: state.value,
    restored: state.restored,
    set: (patch) => {
      cleared.current = false;
      setState((s) => ({ ...s, value: { ...s.value, ...patch } }));
    },
    clear: () => {
      cleared.current = true;
      localStorage.removeItem(storageKey);
    },
  };
}
