import type { TrainingRecord } from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTestResults } from '../../api/training-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { TableScroll } from '../../components/TableScroll.js';

const dash = (n: number | null) => (n === null ? '–' : String(n));
const signed = (n: number | null) => (n === null ? '–' : n > 0 ? `+${n}` : String(n));

function Head({ first }: { first: string }) {
  const { t } = useTranslation();
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        <th scope="col">{t('pelatihan.tesPre')}</th>
        <th scope="col">{t('pelatihan.tesPost')}</th>
        <th scope="col">{t('pelatihan.tesGain')}</th>
      </tr>
    </thead>
  );
}

/** The organiser's view of the tests: mean pre, post and gain per unit, then each participant's. */
export function TestResultsPanel({ training }: { training: TrainingRecord }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const results = useTestResults(training.id, open);
  return (
    <details onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary>{t('pelatihan.tesResults')}</summary>
      {open && (
        <QueryStatus query={results} isEmpty={(d) => d.peserta.length === 0} empty={<p>{t('pelatihan.noParticipants')}</p>}>
          {(r) => (
            <>
              {r.nilaiLulus !== null && <p className="muted">{t('pelatihan.tesPassMark', { nilai: r.nilaiLulus })}</p>}
              <TableScroll label={t('pelatihan.tesUnitTable')}>
                <table>
                  <Head first={t('pelatihan.tesUnit')} />
                  <tbody>
                    {r.units.map((u) => (
                      <tr key={u.unit}>
                        <th scope="row">{u.nama}</th>
                        <td>{dash(u.pre)}</td>
                        <td>{dash(u.post)}</td>
                        <td>{signed(u.gain)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <TableScroll label={t('pelatihan.tesParticipantTable')}>
                <table>
                  <Head first={t('pelatihan.tesParticipant')} />
                  <tbody>
                    {r.peserta.map((p) => (
                      <tr key={p.userId}>
                        <th scope="row">
                          {p.nama} <small className="muted">{p.wilayah}</small>
                        </th>
                        <td>{dash(p.pre)}</td>
                        <td>{r.nilaiLulus !== null && p.post !== null && p.post < r.nilaiLulus ? <mark>{p.post}</mark> : dash(p.post)}</td>
                        <td>{signed(p.gain)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}
        </QueryStatus>
      )}
    </details>
  );
}
