import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The "add" button of an event's list that opens its form (with Batal), and says so once saved:
 * the same on Posko and Penugasan.
 */
export function AddToggle({ label, savedText, form }: { label: string; savedText: string; form: (onDone: () => void) => ReactNode }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState(false);
  return (
    <>
      {saved && <p role="status">{savedText}</p>}
      {adding ? (
        <article>
          {form(() => (setAdding(false), setSaved(true)))}
          <button type="button" className="secondary outline" onClick={() => setAdding(false)}>
            {t('common.cancel')}
          </button>
        </article>
      ) : (
        <button type="button" onClick={() => (setAdding(true), setSaved(false))}>
          {label}
        </button>
      )}
    </>
  );
}
