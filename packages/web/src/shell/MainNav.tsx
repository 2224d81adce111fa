import { Ellipsis, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import type { NavItem } from './nav.js';

/** A phone bar holds at most this many targets (each ≥ 51 px wide at 360 px)… */
const BAR_MAX = 7;
/** …and a crowded one its first four and "Lainnya" (72 px each: the koordinator's longer words fit). */
const CROWDED_SHOWN = 4;

/**
 * The role's menu: a side menu on a laptop; on a phone a bottom bar. A crowded role (the
 * koordinator's eleven) shows its first four and "Lainnya", which opens the rest above the bar,
 * instead of scrolling the bar sideways where half the menu is out of sight.
 */
export function MainNav({ items }: { items: readonly NavItem[] }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const crowded = items.length > BAR_MAX;
  const shown = crowded ? CROWDED_SHOWN : items.length;
  return (
    <nav
      className={`mainnav${crowded ? ' crowded' : ''}${open ? ' open' : ''}`}
      aria-label={t('nav.menu')}
      onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
    >
      <ul>
        {items.map((item, i) => (
          <li key={item.to} className={i >= shown ? 'extra' : undefined}>
            <NavLink to={item.to} end={item.to === '/'} onClick={() => setOpen(false)}>
              <item.icon aria-hidden="true" className="icon" size={22} strokeWidth={1.75} />
              <span className="label">{t(item.label)}</span>
            </NavLink>
          </li>
        ))}
        {crowded && (
          <li className="more">
            <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
              {open ? (
                <X aria-hidden="true" className="icon" size={22} strokeWidth={1.75} />
              ) : (
                <Ellipsis aria-hidden="true" className="icon" size={22} strokeWidth={1.75} />
              )}
              <span className="label">{open ? t('nav.close') : t('nav.more')}</span>
            </button>
          </li>
        )}
      </ul>
    </nav>
  );
}
