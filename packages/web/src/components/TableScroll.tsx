import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways inside its own box on a phone. The box takes keyboard focus
 * and is a named region, so it can be scrolled without a mouse (WCAG 2.1.1; axe
 * scrollable-region-focusable).
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
