import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendarYear } from '../../api/calendar-queries.js';
import { useMe } from '../../api/queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { workerToday } from '../../lib/format.js';
import { CaseloadLimitsPanel } from './CaseloadLimitsPanel.js';
import { CataloguesPanel } from './CataloguesPanel.js';
import { DirectoryPanel } from './DirectoryPanel.js';
import { HolidaysPanel } from './HolidaysPanel.js';
import { StageTargetsPanel } from './StageTargetsPanel.js';
import { SpecialHoursPanel } from './SpecialHoursPanel.js';

const SECTIONS = [
  ['kalender-kerja', 'referensi.kalender.title'],
  ['target-tahapan', 'referensi.target.title'],
  ['beban-kasus', 'referensi.beban.title'],
  ['direktori-rujukan', 'referensi.lembaga.title'],
  ['katalog', 'referensi.katalog.title'],
] as const;

/** Last year (to correct it), this year, and the next two (the SKB for next year comes out in autumn). */
function yearsAround(current: number): number[] {
  return [current - 1, current, current + 1, current + 2];
}

function KalenderKerja({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const current = Number(workerToday(me.wilayah).slice(0, 4));
  const [tahun, setTahun] = useState(current);
  const calendar = useCalendarYear(tahun);
  return (
    <section aria-labelledby="kalender-kerja">
      <h2 id="kalender-kerja">{t('referensi.kalender.title')}</h2>
      <p>{t('referensi.kalender.intro')}</p>
      <label className="year-picker">
        {t('referensi.kalender.year')}
        <select value={tahun} onChange={(e) => setTahun(Number(e.target.value))}>
          {yearsAround(current).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </label>
      <QueryStatus query={calendar} isEmpty={() => false} empty={null}>
        {(d) => (
          // Keyed by year: an open form does not carry over to another year.
          <div key={d.tahun}>
            <HolidaysPanel tahun={d.tahun} libur={d.libur} canEdit={canEdit} />
            <SpecialHoursPanel tahun={d.tahun} jamKhusus={d.jamKhusus} canEdit={canEdit} />
          </div>
        )}
      </QueryStatus>
    </section>
  );
}

/**
 * Data referensi (issue 20): the working calendar (issue 19), stage targets, caseload limits, the
 * referral directory, and views of the catalogues. The server decides who may change what.
 */
export default function ReferensiPage() {
  const { t } = useTranslation();
  const me = useMe().data!;
  // The server decides (calendarPolicy, stageTargetPolicy, caseloadLimitPolicy: a national admin); the screen only offers what it would accept.
  const canEdit = me.role === 'admin' && me.wilayah === null;
  return (
    <section>
      <h1>{t('referensi.title')}</h1>
      <p>{t('referensi.intro')}</p>
      {!canEdit && <p className="notice">{t('referensi.readOnly')}</p>}
      <nav aria-label={t('referensi.sections')}>
        <ul>
          {SECTIONS.map(([id, key]) => (
            <li key={id}>
              <a href={`#${id}`}>{t(key)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <KalenderKerja canEdit={canEdit} />
      <StageTargetsPanel canEdit={canEdit} />
      <CaseloadLimitsPanel canEdit={canEdit} />
      <DirectoryPanel myWilayah={me.wilayah} canAdd={me.role === 'admin' || me.role === 'koordinator'} />
      <CataloguesPanel />
    </section>
  );
}
