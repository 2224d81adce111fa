import { supervises, type CaseRecord, type TahapanCode } from '@tuntas/domain';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../../api/queries.js';
import { AssessmentPanel } from './AssessmentPanel.js';
import { FollowUpsPanel } from './FollowUpsPanel.js';
import { OutcomesPanel } from './OutcomesPanel.js';
import { PlanPanel } from './PlanPanel.js';
import { ReferralsPanel } from './ReferralsPanel.js';
import { ServicesPanel } from './ServicesPanel.js';
import { TransferPanel } from './TransferPanel.js';

const TABS = ['asesmen', 'rencana', 'layanan', 'rujukan', 'hasil', 'bimbingan', 'pengalihan'] as const;
type Tab = (typeof TABS)[number];

/** The tab a stage's work happens in, so the page opens where the pendamping needs to write. */
const TAB_OF_STAGE: Record<TahapanCode, Tab> = {
  pendekatan_awal: 'asesmen',
  asesmen: 'asesmen',
  rencana: 'rencana',
  intervensi: 'layanan',
  resosialisasi: 'layanan',
  terminasi: 'hasil',
  bimbingan_lanjut: 'bimbingan',
};

/** The case's working file as tabs (WAI-ARIA tabs: one panel at a time, arrow keys move). */
export function CaseWorkTabs({ kase }: { kase: CaseRecord }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const [tab, setTab] = useState<Tab>(TAB_OF_STAGE[kase.tahapan]);
  const panels: Record<Tab, ReactNode> = {
    asesmen: <AssessmentPanel kase={kase} />,
    rencana: <PlanPanel kase={kase} />,
    layanan: <ServicesPanel kase={kase} />,
    rujukan: <ReferralsPanel kase={kase} />,
    hasil: <OutcomesPanel kase={kase} />,
    bimbingan: <FollowUpsPanel kase={kase} />,
    pengalihan: <TransferPanel kase={kase} meId={me.id} supervises={supervises(me.role)} />,
  };
  return (
    <article>
      <div role="tablist" className="tabs" aria-label={t('cases.stages')}>
        {TABS.map((name, i) => (
          <button
            key={name}
            role="tab"
            id={`tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`panel-${name}`}
            tabIndex={tab === name ? 0 : -1}
            className={tab === name ? '' : 'secondary outline'}
            onClick={() => setTab(name)}
            onKeyDown={(e) => {
              const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
              if (!step) return;
              const next = TABS[(i + step + TABS.length) % TABS.length]!;
              setTab(next);
              document.getElementById(`tab-${next}`)?.focus();
            }}
          >
            {t(`kasus.tabs.${name}`)}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {panels[tab]}
      </section>
    </article>
  );
}
