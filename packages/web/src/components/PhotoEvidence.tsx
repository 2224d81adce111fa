import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.js';
import { shrinkImage } from '../lib/shrink-image.js';

interface Photo {
  id: string;
}

async function upload(path: string, file: File): Promise<Photo> {
  const blob = await shrinkImage(file);
  return api<Photo>(path, { method: 'POST', body: blob, headers: { 'content-type': blob.type || file.type } });
}

/** Thumbnails of an entry's photos and, while it can be edited, a camera button. */
export function ActivityPhotos({ activityId, count, editable }: { activityId: string; count: number; editable: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const photos = useQuery({
    queryKey: ['activity-photos', activityId, count],
    queryFn: () => api<Photo[]>(`/activities/${activityId}/photos`),
    enabled: count > 0,
  });
  const add = useMutation({
    mutationFn: (file: File) => upload(`/activities/${activityId}/photos`, file),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['activities'] }),
  });
  return (
    <div className="photos">
      {photos.data?.map((p) => (
        <a key={p.id} href={`/api/v1/photos/${p.id}`} target="_blank" rel="noreferrer">
          <img src={`/api/v1/photos/${p.id}`} alt={t('kerja.foto.alt')} width={64} height={64} loading="lazy" />
        </a>
      ))}
      {editable && count < 5 && (
        <label className="photo-add">
          {add.isPending ? t('kerja.foto.uploading') : t('kerja.foto.add')}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp"
            capture="environment"
            disabled={add.isPending}
            onChange={(e) => e.target.files?.[0] && add.mutate(e.target.files[0])}
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
  const send = useMutation({ mutationFn: (file: File) => upload('/attendance/selfie', file) });
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
