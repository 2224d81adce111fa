import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OutboxEntry } from '../api/outbox.js';

/** A queued write's state beside the record it makes: "menunggu dikirim", "konflik", "ditolak" (those open the outbox). */
export function SyncMark({ entry }: { entry: OutboxEntry }) {
  const { t } = useTranslation();
  const label = t(`luring.status.${entry.status}`);
  const mark = (
    <mark className={`sync-state ${entry.status}`} data-testid="sync-state">
      {label}
    </mark>
  );
  return entry.status === 'konflik' || entry.status === 'ditolak' ? <Link to="/kirim">{mark}</Link> : mark;
}
