import { errorMessage, type AttachmentView, type ErrorCode } from '@tuntas/domain';
import { useQuery } from '@tanstack/react-query';
import i18next from 'i18next';
import { shrinkImage } from '../lib/shrink-image.js';
import { api } from './client.js';
import { queueWrite, useOutbox, type OutboxEntry, type WriteOutcome } from './outbox.js';

/**
 * Photos and documents (issue 17): a case attachment and an activity's evidence photo go through
 * the outbox like every field write, the shrunk file as the entry's body (outbox-files.ts). Without
 * a signal they wait on the device, shown as a thumbnail, and go to their own route once the
 * writes before them on the same case or activity have gone.
 */

export interface Photo {
  id: string;
}

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
/** The server's limits (casework/case-attachments.ts, workforce/evidence-photos.ts): refused here, so nothing waits on the device only to be refused. */
const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
/** At most this many photos per activity (the server's rule). */
export const PHOTOS_PER_ACTIVITY = 5;

const refusal = (code: ErrorCode) => new Error(errorMessage(code, i18next.language === 'en' ? 'en' : 'id'));

/** Camera photos are shrunk on the phone: a weak signal carries 300 KB, not 5 MB, and the device keeps no more. */
const shrunk = (file: File): Promise<Blob> => (file.type.startsWith('image/') ? shrinkImage(file) : Promise.resolve(file));

/** A photo (JPEG/PNG/WebP) or PDF attached to a case. */
export async function addAttachment(caseId: string, file: File, keterangan: string): Promise<WriteOutcome<AttachmentView>> {
  const blob = await shrunk(file);
  const type = blob.type || 'application/pdf';
  if (![...IMAGE_TYPES, 'application/pdf'].includes(type)) throw refusal('ATTACHMENT_INVALID');
  if (blob.size > ATTACHMENT_MAX_BYTES) throw refusal('BODY_TOO_LARGE');
  const params = new URLSearchParams({ nama: file.name, ...(keterangan ? { keterangan } : {}) });
  return queueWrite<AttachmentView>({
    kind: 'attachment',
    path: `/cases/${caseId}/attachments?${params}`,
    body: { nama: file.name, keterangan: keterangan || null, ukuran: blob.size },
    file: { type, bytes: await blob.arrayBuffer() },
    ref: { caseId },
  });
}

/** An evidence photo of an activity entry. */
export async function addActivityPhoto(activityId: string, file: File): Promise<WriteOutcome<Photo>> {
  const blob = await shrunk(file);
  const type = blob.type || file.type;
  if (!IMAGE_TYPES.includes(type) || blob.size > PHOTO_MAX_BYTES) throw refusal('PHOTO_INVALID');
  return queueWrite<Photo>({
    kind: 'activityPhoto',
    path: `/activities/${activityId}/photos`,
    body: { ukuran: blob.size },
    file: { type, bytes: await blob.arrayBuffer() },
    ref: { activityId },
  });
}

export const deleteAttachment = (id: string) => api<void>(`/attachments/${id}`, { method: 'DELETE' });

/** The optional selfie after checking in (sent at once: it proves the moment, a later one proves nothing). */
export async function sendSelfie(file: File): Promise<Photo> {
  const blob = await shrinkImage(file);
  return api<Photo>('/attendance/selfie', { method: 'POST', body: blob, headers: { 'content-type': blob.type || file.type } });
}

export const useActivityPhotos = (activityId: string, count: number) =>
  useQuery({
    queryKey: ['activity-photos', activityId, count],
    queryFn: () => api<Photo[]>(`/activities/${activityId}/photos`),
    enabled: count > 0,
  });

/** The photos of a case or an activity still on the device, oldest first. */
export function useQueuedFiles(kind: 'attachment' | 'activityPhoto', ref: { caseId?: string; activityId?: string }): OutboxEntry[] {
  return useOutbox().filter(
    (e) => e.kind === kind && e.file !== undefined && (ref.caseId ? e.ref.caseId === ref.caseId : e.ref.activityId === ref.activityId),
  );
}
