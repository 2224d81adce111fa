import { PILIHAN_MAKS, TEST_JENIS, type TestBank, type TestJenis, type TrainingRecord } from '@tuntas/domain';
import { Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveTestBank, useTestBank, type TestBankInput } from '../../api/training-queries.js';
import { QueryStatus } from '../../components/QueryStatus.js';

interface Draft {
  unit: string;
  pertanyaan: string;
  /** One choice a line. */
  pilihan: string;
  jawaban: number;
}

/** `datetime-local` works in the browser's own time zone: these convert to and from an instant. */
const toLocal = (iso: string) => {
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (local: string) => new Date(local).toISOString();
const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

function Form({ training, jenis, bank }: { training: TrainingRecord; jenis: TestJenis; bank: TestBank | null }) {
  const { t } = useTranslation();
  const save = useSaveTestBank(training.id, jenis);
  const firstUnit = training.units[0]?.kode ?? '';
  const blank = (): Draft => ({ unit: firstUnit, pertanyaan: '', pilihan: '', jawaban: 0 });
  const [dibuka, setDibuka] = useState(bank ? toLocal(bank.dibuka) : `${training.mulai}T08:00`);
  const [ditutup, setDitutup] = useState(bank ? toLocal(bank.ditutup) : `${training.mulai}T09:00`);
  const [soal, setSoal] = useState<Draft[]>(
    bank
      ? bank.soal.map((q) => ({ unit: q.unit, pertanyaan: q.pertanyaan, pilihan: q.pilihan.join('\n'), jawaban: q.jawaban }))
      : [blank()],
  );
  const change = (i: number, patch: Partial<Draft>) => setSoal((all) => all.map((q, j) => (j === i ? { ...q, ...patch } : q)));
  const input = (): TestBankInput => ({
    dibuka: fromLocal(dibuka),
    ditutup: fromLocal(ditutup),
    soal: soal.map((q) => ({ unit: q.unit, pertanyaan: q.pertanyaan.trim(), pilihan: lines(q.pilihan), jawaban: q.jawaban })),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate(input());
      }}
    >
      {bank && bank.jumlahMenjawab > 0 && <p className="muted">{t('pelatihan.bankAnswered', { n: bank.jumlahMenjawab })}</p>}
      <div className="grid">
        <label>
          {t('pelatihan.bankOpens')}
          <input type="datetime-local" value={dibuka} onChange={(e) => setDibuka(e.target.value)} required />
        </label>
        <label>
          {t('pelatihan.bankCloses')}
          <input type="datetime-local" value={ditutup} onChange={(e) => setDitutup(e.target.value)} required />
        </label>
      </div>
      {soal.map((q, i) => {
        const choices = lines(q.pilihan);
        return (
          <fieldset key={i}>
            <legend>{t('pelatihan.bankQuestion', { n: i + 1 })}</legend>
            <label>
              {t('pelatihan.tesUnit')}
              <select value={q.unit} onChange={(e) => change(i, { unit: e.target.value })}>
                {training.units.map((u) => (
                  <option key={u.kode} value={u.kode}>
                    {u.nama}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('pelatihan.bankText')}
              <input value={q.pertanyaan} onChange={(e) => change(i, { pertanyaan: e.target.value })} required minLength={3} />
            </label>
            <label>
              {t('pelatihan.bankChoices', { max: PILIHAN_MAKS })}
              <textarea rows={3} value={q.pilihan} onChange={(e) => change(i, { pilihan: e.target.value })} required />
            </label>
            <label>
              {t('pelatihan.bankKey')}
              <select value={q.jawaban} onChange={(e) => change(i, { jawaban: Number(e.target.value) })}>
                {choices.map((c, j) => (
                  <option key={j} value={j}>
                    {c}
                  </option>
                ))}
              </select>
            </label>
            {soal.length > 1 && (
              <button type="button" className="secondary outline" onClick={() => setSoal((all) => all.filter((_, j) => j !== i))}>
                <Trash2 size={16} aria-hidden /> {t('pelatihan.bankRemove')}
              </button>
            )}
          </fieldset>
        );
      })}
      <div role="group">
        <button type="button" className="secondary" onClick={() => setSoal((all) => [...all, blank()])}>
          <Plus size={16} aria-hidden /> {t('pelatihan.bankAdd')}
        </button>
        <button type="submit" disabled={save.isPending} aria-busy={save.isPending}>
          {t('pelatihan.bankSave')}
        </button>
      </div>
      {save.data && <p role="status">{t('pelatihan.bankSaved', { n: save.data.soal.length })}</p>}
      {save.error && (
        <p role="alert" className="error">
          {save.error.message}
        </p>
      )}
    </form>
  );
}

/** The organiser writes an event's pre- or post-test: questions per unit, choices, the key and the window. */
export function TestBankEditor({ training }: { training: TrainingRecord }) {
  const { t } = useTranslation();
  const [jenis, setJenis] = useState<TestJenis | null>(null);
  const bank = useTestBank(training.id, jenis ?? 'pre', jenis !== null);
  return (
    <details onToggle={(e) => setJenis((e.target as HTMLDetailsElement).open ? (jenis ?? 'pre') : null)}>
      <summary>{t('pelatihan.bankTitle')}</summary>
      {jenis !== null && (
        <>
          <label>
            {t('pelatihan.bankKind')}
            <select value={jenis} onChange={(e) => setJenis(e.target.value as TestJenis)}>
              {TEST_JENIS.map((j) => (
                <option key={j} value={j}>
                  {t(`pelatihan.tesTitle.${j}`)}
                </option>
              ))}
            </select>
          </label>
          <QueryStatus query={bank} isEmpty={() => false} empty={null}>
            {(b) => <Form key={jenis} training={training} jenis={jenis} bank={b} />}
          </QueryStatus>
        </>
      )}
    </details>
  );
}
