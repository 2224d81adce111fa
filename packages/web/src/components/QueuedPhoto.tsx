import { useEffect, useState } from 'react';
import type { OutboxEntry } from '../api/outbox.js';
import { SyncMark } from './SyncMark.js';

/** A photo still on the device: its kept bytes as a thumbnail (an object URL, let go when it leaves the screen), marked waiting. */
export function QueuedPhoto({ entry, alt }: { entry: OutboxEntry; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const file = entry.file;
  useEffect(() => {
    if (!file || !file.type.startsWith('image/')) return;
    const made = URL.createObjectURL(new Blob([file.bytes], { type: file.type }));
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [file]);
  return (
    <span className="queued-photo" data-testid="pending-photo">
      {url && <img src={url} alt={alt} width={64} height={64} />} <SyncMark entry={entry} />
    </span>
  );
}
