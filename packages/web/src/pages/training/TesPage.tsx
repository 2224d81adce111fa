import { TEST_JENIS, type TestJenis, type TestResult } from '@tuntas/domain';
import { CircleCheck } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../api/queries.js';
import { useParticipantTest, useSubmitTest, useTrainings } from '../../api/training-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { formatDateTime } from '../../lib/format.js';

function Result({ hasil, unitNames }: { hasil: TestResult; unitNames: Map<string, string> }) {
  const { t } = useTranslation();
  return (
    <article role="status">
      <p>
        <CircleCheck size={18} aria-hidden /> {t('pelatihan.tesScore', { nilai: hasil.nilai, benar: hasil.benar, jumlah: hasil.jumlah })}
      </p>
      <ul className="plain-list">
        {hasil.perUnit.map((u) => (
          <li key={u.unit}>
            {t('pelatihan.tesUnitScore', { unit: unitNames.get(u.unit) ?? u.unit, nilai: u.nilai, benar: u.benar, jumlah: u.jumlah })}
          </li>
        ))}
      </ul>
    </article>
  );
}

/**
 * A pre- or post-test on the participant's phone: one question per fieldset, sent once when every
 * question has an answer; the server scores it and shows the result (never the key).
 */
export default function TesPage() {
  const { t } = useTranslation();
  const params = useParams();
  const id = params.id ?? '';
  const jenis: TestJenis = TEST_JENIS.includes(params.jenis as TestJenis) ? (params.jenis as TestJenis) : 'pre';
  const test = useParticipantTest(id, jenis);
  const submit = useSubmitTest(id, jenis);
  const [chosen, setChosen] = useState<Record<string, number>>({});
  const wilayah = useMe().data?.wilayah ?? null;
  const training = useTrainings().data?.find((x) => x.id === id);
  const unitNames = new Map((training?.units ?? []).map((u) => [u.kode, u.nama]));
  return (
    <section>
      <h1>{t(`pelatihan.tesTitle.${jenis}`)}</h1>
      {training && <p className="muted">{training.nama}</p>}
      <QueryStatus query={test} isEmpty={() => false} empty={null}>
        {(tes) => {
          const hasil = submit.data ?? tes.hasil;
          if (hasil) return <Result hasil={hasil} unitNames={unitNames} />;
          if (tes.status !== 'dibuka')
            return (
              <p>
                {tes.status === 'belum_dibuka'
                  ? t('pelatihan.tesNotOpen', { waktu: formatDateTime(tes.dibuka, wilayah) })
                  : t('pelatihan.tesClosed', { waktu: formatDateTime(tes.ditutup, wilayah) })}
              </p>
            );
          const complete = tes.soal.every((q) => chosen[q.id] !== undefined);
          return (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                submit.mutate(tes.soal.map((q) => ({ soal: q.id, pilihan: chosen[q.id]! })));
              }}
            >
              <p className="muted">{t('pelatihan.tesWindow', { waktu: formatDateTime(tes.ditutup, wilayah) })}</p>
              {tes.soal.map((q, i) => (
                <fieldset key={q.id}>
                  <legend>
                    {i + 1}. {q.pertanyaan}
                  </legend>
                  {q.pilihan.map((p, j) => (
                    <label key={j}>
                      <input
                        type="radio"
                        name={q.id}
                        checked={chosen[q.id] === j}
                        onChange={() => setChosen((c) => ({ ...c, [q.id]: j }))}
                      />
                      {p}
                    </label>
                  ))}
                </fieldset>
              ))}
              {submit.error && (
                <p role="alert" className="error">
                  {submit.error.message}
                </p>
              )}
              <button type="submit" disabled={!complete || submit.isPending} aria-busy={submit.isPending}>
                {t('pelatihan.tesSubmit')}
              </button>
              {!complete && <small className="muted">{t('pelatihan.tesAnswerAll')}</small>}
            </form>
          );
        }}
      </QueryStatus>
      <p>
        <Link to="/pelatihan">{t('pelatihan.mine')}</Link>
      </p>
    </section>
  );
}
