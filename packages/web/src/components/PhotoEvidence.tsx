import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { addActivityPhoto, PHOTOS_PER_ACTIVITY, sendSelfie, useActivityPhotos, useQueuedFiles } from '../api/photo-writes.js';
import { QueuedPhoto } from './QueuedPhoto.js';

/**
 * Thumbnails of an entry's photos and, while it can be edited, a camera button. A photo taken
 * without a signal waits on the device (the outbox), shown from its kept bytes until it is sent.
 */
export function ActivityPhotos({ activityId, count, editable }: { activityId: string; count: number; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const photos = useActivityPhotos(activityId, count);
  const queued = useQueuedFiles('activityPhoto', { activityId });
  const add = useMutation({
    mutationFn: (file: File) => addActivityPhoto(activityId, file),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['activities'] }),
  });
  return (
    <div className="photos">
      {photos.data?.map((p) => (
        <a key={p.id} href={`/api/v1/photos/${p.id}`} target="_blank" rel="noreferrer">
          <img src={`/api/v1/photos/${p.id}`} alt={t('kerja.foto.alt')} width={64} height={64} loading="lazy" />
        </a>
      ))}
      {queued.map((e) => (
        <QueuedPhoto key={e.seq} entry={e} alt={t('kerja.foto.alt')} />
      ))}
      {editable && count + queued.length < PHOTOS_PER_ACTIVITY && (
        <label className="photo-add">
          {add.isPending ? t('kerja.foto.uploading') : t('kerja.foto.add')}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            disabled={add.isPending}
            onChange={(e) => {
              if (e.target.files?.[0]) add.mutate(e.target.files[0]);
              // The same photo may be picked again after a refusal.
              e.target.value = '';
            }}
          />
        </label>
      )}
      {add.isError && (
        <p role="alert" className="error">
          {add.error.message}
        </p>
      )}
    </div>
  );
}

/** The optional selfie after checking in. */
export function SelfieButton() {
  const { t } = useTranslation();
  const send = useMutation({ mutationFn: sendSelfie });
  return (
    <div>
      <label className="photo-add">
        {send.isPending ? t('kerja.foto.uploading') : send.isSuccess ? t('kerja.foto.selfieDone') : t('kerja.foto.selfie')}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          capture="user"
          disabled={send.isPending}
          onChange={(e) => e.target.files?.[0] && send.mutate(e.target.files[0])}
        />
      </label>
      {send.isError && (
        <p role="alert" className="error">
          {send.error.message}
        </p>
      )}
    </div>
  );
}
