import type { TrainingRecord } from '@tuntas/domain';
import { Check, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReplyInvitation } from '../../api/training-queries.js';

/** The invited participant's answer on the phone: coming, or not with an optional reason; once. */
export function InvitationReply({ training }: { training: TrainingRecord }) {
  const { t } = useTranslation();
  const reply = useReplyInvitation(training.id);
  const [declining, setDeclining] = useState(false);
  const [alasan, setAlasan] = useState('');
  if (training.statusSaya === 'ditolak') return <p className="muted">{t('pelatihan.replyDeclined')}</p>;
  if (training.statusSaya !== 'diundang' || training.status === 'selesai' || training.status === 'menunggu_penetapan') return null;
  return (
    <section aria-label={t('pelatihan.replyInvited')}>
      <p>
        <strong>{t('pelatihan.replyInvited')}</strong>
      </p>
      {declining ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            reply.mutate({ hadir: false, ...(alasan.trim() ? { alasan: alasan.trim() } : {}) });
          }}
        >
          <label>
            {t('pelatihan.replyReason')}
            <input value={alasan} onChange={(e) => setAlasan(e.target.value)} maxLength={500} />
          </label>
          <button type="submit" className="secondary" disabled={reply.isPending} aria-busy={reply.isPending}>
            <X size={16} aria-hidden /> {t('pelatihan.replyDecline')}
          </button>
        </form>
      ) : (
        <div role="group">
          <button disabled={reply.isPending} aria-busy={reply.isPending} onClick={() => reply.mutate({ hadir: true })}>
            <Check size={16} aria-hidden /> {t('pelatihan.replyConfirm')}
          </button>
          <button className="secondary" onClick={() => setDeclining(true)}>
            <X size={16} aria-hidden /> {t('pelatihan.replyCannot')}
          </button>
        </div>
      )}
      {reply.error && (
        <p role="alert" className="error">
          {reply.error.message}
        </p>
      )}
    </section>
  );
}
