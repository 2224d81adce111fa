import type { TrainingRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useWilayahChildren } from '../../api/queries.js';
import { useCompetencies, useInvite, usePreviewInvitation, type InvitationInput } from '../../api/training-queries.js';

/** The organiser invites by province(s) and a competency gap: a preview of who, then all of them or none. */
export function InvitePanel({ training }: { training: TrainingRecord }) {
  const { t } = useTranslation();
  const provinces = useWilayahChildren(null);
  const matrix = useCompetencies();
  const [provinsi, setProvinsi] = useState<string[]>([]);
  const [kode, setKode] = useState('');
  const [level, setLevel] = useState(1);
  const invite = useInvite(training.id);
  const input: InvitationInput = {
    ...(provinsi.length ? { provinsi } : {}),
    ...(kode ? { kurangKompetensi: { kode, level } } : {}),
  };
  // The criteria last previewed: what the invite button sends is exactly what was shown.
  const [asked, setAsked] = useState<InvitationInput | null>(null);
  const preview = usePreviewInvitation(training.id, asked);
  const error = preview.error ?? invite.error;
  return (
    <details>
      <summary>{t('pelatihan.invite')}</summary>
      <label>
        {t('pelatihan.inviteProvinces')}
        <select
          multiple
          size={5}
          value={provinsi}
          onChange={(e) => setProvinsi([...e.target.selectedOptions].map((o) => o.value))}
          aria-busy={provinces.isPending}
        >
          {provinces.data?.map((p) => (
            <option key={p.kode} value={p.kode}>
              {p.nama}
            </option>
          ))}
        </select>
      </label>
      <div className="grid">
        <label>
          {t('pelatihan.inviteLacking')}
          <select value={kode} onChange={(e) => setKode(e.target.value)}>
            <option value="">{t('pelatihan.inviteAnyCompetency')}</option>
            {matrix.data?.kompetensi.map((k) => (
              <option key={k.kode} value={k.kode}>
                {k.nama}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('pelatihan.inviteBelowLevel')}
          <select value={level} onChange={(e) => setLevel(Number(e.target.value))} disabled={!kode}>
            {[1, 2, 3].map((l) => (
              <option key={l} value={l}>
                {t(`pelatihan.level${l as 1 | 2 | 3}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <button type="button" className="secondary" onClick={() => setAsked(input)}>
        {t('pelatihan.invitePreview')}
      </button>
      {preview.data && (
        <>
          <p role="status">
            {t('pelatihan.invitePreviewCount', { n: preview.data.calon.length, terdaftar: preview.data.terdaftar })}
            {preview.data.kuota !== null && ` ${t('pelatihan.inviteQuota', { kuota: preview.data.kuota })}`}
          </p>
          <ul className="plain-list" data-testid="undangan-calon">
            {preview.data.calon.map((c) => (
              <li key={c.userId}>
                {c.nama} <small>{c.wilayah}</small>
              </li>
            ))}
          </ul>
          <button
            type="button"
            disabled={invite.isPending || preview.data.calon.length === 0}
            aria-busy={invite.isPending}
            onClick={() => invite.mutate(asked!, { onSuccess: () => setAsked(null) })}
          >
            {t('pelatihan.inviteSend', { n: preview.data.calon.length })}
          </button>
        </>
      )}
      {invite.data && <p role="status">{t('pelatihan.inviteDone', { n: invite.data.calon.length })}</p>}
      {error && (
        <p role="alert" className="error">
          {error.message}
        </p>
      )}
    </details>
  );
}
