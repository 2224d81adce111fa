import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A wide table that scrolls sideways inside its own box on a phone. The box takes keyboard focus
 * and is a named region, so it can be scrolled without a mouse (WCAG 2.1.1; axe
 * scrollable-region-focusable). Named by `label`, else generically ("Tabel").
 */
export function TableScroll({ label, children }: { label?: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" role="region" aria-label={label ?? t('common.table')} tabIndex={0}>
      {children}
    </div>
  );
}
