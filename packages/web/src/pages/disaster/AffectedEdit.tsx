import { type AffectedRecord, type DisasterRecord, type KondisiKorban, type ShelterRecord } from '@tuntas/domain';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { disasterKeys, useUpdateAffected } from '../../api/disaster-queries.js';
import { KondisiOptions, ShelterOptions } from './AffectedOptions.js';

/**
 * Ubah kondisi atau pengungsian: a person moves shelter, goes home, is found injured. Sent with
 * the version read; when someone changed them meanwhile the server answers 409 and the list is
 * read again, so the user sees the current record before trying again. Each change is history
 * the sitrep counts by day (the server keeps it).
 */
export function AffectedEdit({ event, person, shelters }: { event: DisasterRecord; person: AffectedRecord; shelters: ShelterRecord[] }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const update = useUpdateAffected(event.id);
  const id = useId();
  const [open, setOpen] = useState(false);
  const [f, setF] = useState({ kondisi: person.kondisi, shelterId: person.shelterId ?? '' });
  const conflict = update.error instanceof ApiError && update.error.status === 409;
  if (!event.tindakan.catat || person.identitasTerlindungi) return null;
  if (!open)
    return (
      <button
        type="button"
        className="secondary outline small"
        onClick={() => (setF({ kondisi: person.kondisi, shelterId: person.shelterId ?? '' }), update.reset(), setOpen(true))}
      >
        {t('bencana.korban.edit')}
      </button>
    );
  const changed = f.kondisi !== person.kondisi || (f.shelterId || null) !== person.shelterId;
  return (
    <form
      aria-label={t('bencana.korban.editTitle', { nama: person.nama })}
      onSubmit={(e) => {
        e.preventDefault();
        update.mutate(
          { affectedId: person.id, version: person.version, kondisi: f.kondisi, shelterId: f.shelterId || null },
          {
            onSuccess: () => setOpen(false),
            // The record as it is now replaces the stale one on the list.
            onError: () => void client.invalidateQueries({ queryKey: disasterKeys.one(event.id) }),
          },
        );
      }}
    >
      <div className="grid">
        <div>
          <label htmlFor={`${id}-kondisi`}>{t('bencana.korban.kondisi')}</label>
          <select id={`${id}-kondisi`} value={f.kondisi} onChange={(e) => setF({ ...f, kondisi: e.target.value as KondisiKorban })}>
            <KondisiOptions />
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-shelter`}>{t('bencana.korban.shelter')}</label>
          <select id={`${id}-shelter`} value={f.shelterId} onChange={(e) => setF({ ...f, shelterId: e.target.value })}>
            <ShelterOptions shelters={shelters} />
          </select>
        </div>
      </div>
      {update.isError && (
        <p role="alert" className="error">
          {conflict ? t('bencana.korban.editConflict') : update.error.message}
        </p>
      )}
      <div className="grid">
        <button type="submit" disabled={update.isPending || !changed} aria-busy={update.isPending}>
          {t('bencana.korban.editSave')}
        </button>
        <button type="button" className="secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
