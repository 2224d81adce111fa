import {
  AFFECTED_IMPORT_MESSAGES,
  KONDISI_KORBAN,
  type AffectedRecord,
  type DisasterRecord,
  type KondisiKorban,
  type ShelterRecord,
} from '@tuntas/domain';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAffected, useAffectedImported, useOpenAffectedCase, useShelters } from '../../api/disaster-queries.js';
import type { AffectedImportResult } from '../../api/spreadsheet-upload.js';
import { useOutbox } from '../../api/outbox.js';
import { useMe } from '../../api/queries.js';
import { Pager } from '../../components/Pager.js';
import { QueryStatus } from '../../components/QueryStatus.js';
import { SpreadsheetImport } from '../../components/SpreadsheetImport.js';
import { SyncMark } from '../../components/SyncMark.js';
import { ageFrom, formatNumber } from '../../lib/format.js';
import { useDebounced } from '../../lib/use-debounced.js';
import { AffectedEdit } from './AffectedEdit.js';
import { AffectedForm, type HouseholdHead } from './AffectedForm.js';

const PAGE_SIZE = 100;

/** "Buka kasus rehabilitasi": one step from the shelter into a case in the host area. */
function OpenCase({ event, person }: { event: DisasterRecord; person: AffectedRecord }) {
  const { t } = useTranslation();
  const me = useMe().data!;
  const open = useOpenAffectedCase(event.id);
  if (person.caseId) {
    // The case lies in the host area, unassigned: a deployed pendamping does not read it.
    return (
      <small>
        {t('bencana.korban.caseOpened')}
        {me.role !== 'pendamping' && (
          <>
            {' '}
            · <Link to={`/kasus/${person.caseId}`}>{t('bencana.korban.viewCase')}</Link>
          </>
        )}
      </small>
    );
  }
  if (!event.tindakan.catat) return null;
  return (
    <>
      <button
        type="button"
        className="secondary outline small"
        disabled={open.isPending}
        aria-busy={open.isPending}
        onClick={() => open.mutate({ affectedId: person.id })}
      >
        {open.isPending ? t('bencana.korban.opening') : t('bencana.korban.openCase')}
      </button>
      {open.isError && (
        <p role="alert" className="error">
          {open.error.message}
        </p>
      )}
    </>
  );
}

function Person({ event, person, shelters }: { event: DisasterRecord; person: AffectedRecord; shelters: ShelterRecord[] }) {
  const shelterName = shelters.find((s) => s.id === person.shelterId)?.nama ?? null;
  const { t } = useTranslation();
  const age = person.tanggalLahir
    ? t('bencana.korban.age', { count: ageFrom(person.tanggalLahir) })
    : person.perkiraanUmur !== null
      ? t('bencana.korban.ageEstimated', { count: person.perkiraanUmur })
      : null;
  return (
    <li data-testid="affected" data-affected-id={person.id}>
      <strong>{person.nama}</strong> <small>{person.jenisKelamin}</small>
      {age && <small> · {age}</small>} <mark className={`kondisi-${person.kondisi}`}>{t(`bencana.kondisi.${person.kondisi}`)}</mark>
      {person.kemungkinanGanda && <mark className="late">{t('bencana.korban.ganda')}</mark>}
      {person.terhubungRegistri && <mark>{t('bencana.korban.registri')}</mark>}
      {person.identitasTerlindungi && <mark>{t('bencana.korban.protected')}</mark>}
      <br />
      <small className="muted">
        {[
          person.nik ?? (person.nomorSementara ? t('bencana.korban.temporary', { nomor: person.nomorSementara }) : null),
          shelterName,
          person.keluargaId ? t('bencana.korban.household') : null,
        ]
          .filter(Boolean)
          .join(' · ')}
      </small>
      {person.kelompokRentan.length > 0 && (
        <>
          <br />
          <small>{person.kelompokRentan.map((k) => t(`bencana.rentan.${k}`)).join(', ')}</small>
        </>
      )}
      {person.kebutuhan && (
        <>
          <br />
          <small className="warning">{person.kebutuhan}</small>
        </>
      )}
      <div>
        <OpenCase event={event} person={person} /> <AffectedEdit event={event} person={person} shelters={shelters} />
      </div>
    </li>
  );
}

/** A posko's sheet in one upload, with the registry's row report (online: the server judges it). */
function PoskoImport({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  const imported = useAffectedImported(event.id);
  return (
    <details>
      <summary>{t('bencana.korban.importTitle')}</summary>
      <p>
        <small>{t('bencana.korban.importIntro')}</small>
      </p>
      <SpreadsheetImport<AffectedImportResult>
        url={`/api/v1/disasters/${event.id}/affected/import`}
        messages={AFFECTED_IMPORT_MESSAGES}
        stored={(r) => t('bencana.korban.importStored', { inserted: formatNumber(r.inserted), linked: formatNumber(r.linked) })}
        onStored={imported}
      />
    </details>
  );
}

/** Korban: search the affected, see their condition and flags; register more on the phone. */
export function AffectedPanel({ event }: { event: DisasterRecord }) {
  const { t } = useTranslation();
  // Name, NIK or temporary number, searched by the server over the whole event (masked people never match).
  const [text, setText] = useState('');
  const q = useDebounced(text.trim());
  const [filters, setFilters] = useState<{ shelterId: string; kondisi: KondisiKorban | ''; ganda: boolean }>({
    shelterId: '',
    kondisi: '',
    ganda: false,
  });
  const [page, setPage] = useState(1);
  const shelters = useShelters(event.id);
  const list = useAffected(event.id, {
    page,
    pageSize: PAGE_SIZE,
    shelterId: filters.shelterId || undefined,
    kondisi: filters.kondisi || undefined,
    kemungkinanGanda: filters.ganda || undefined,
    q: q || undefined,
  });
  const [registering, setRegistering] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const waiting = useOutbox().filter((e) => e.kind === 'affected' && e.ref.disasterId === event.id);
  const heads: HouseholdHead[] = [
    ...waiting.map((e) => ({
      id: e.id,
      nama: String(e.body['nama'] ?? ''),
      keluargaId: (e.body['keluargaId'] as string | undefined) ?? null,
    })),
    ...(list.data?.items ?? []).map((a) => ({ id: a.id, nama: a.nama, keluargaId: a.keluargaId })),
  ];
  return (
    <>
      <h2>{t('bencana.korban.title')}</h2>
      {event.tindakan.catat &&
        (registering ? (
          <article>
            <AffectedForm event={event} shelters={shelters.data ?? []} heads={heads} onSaved={setMessage} />
            <button type="button" className="secondary outline" onClick={() => setRegistering(false)}>
              {t('common.cancel')}
            </button>
          </article>
        ) : (
          <button type="button" onClick={() => (setRegistering(true), setMessage(null))}>
            {t('bencana.korban.register')}
          </button>
        ))}
      {event.tindakan.catat && <PoskoImport event={event} />}
      {message && <p role="status">{message}</p>}
      {waiting.length > 0 && (
        <ul className="plain-list">
          {waiting.map((e) => (
            <li key={e.seq} data-testid="affected-pending">
              <strong>{String(e.body['nama'] ?? '')}</strong> <SyncMark entry={e} />
            </li>
          ))}
        </ul>
      )}
      <div className="affected-filters">
        <input
          type="search"
          aria-label={t('bencana.korban.search')}
          placeholder={t('bencana.korban.search')}
          autoComplete="off"
          value={text}
          onChange={(e) => (setText(e.target.value), setPage(1))}
        />
        <select
          aria-label={t('bencana.korban.filterShelter')}
          value={filters.shelterId}
          onChange={(e) => (setFilters({ ...filters, shelterId: e.target.value }), setPage(1))}
        >
          <option value="">{t('bencana.korban.allShelters')}</option>
          {(shelters.data ?? []).map((s) => (
            <option key={s.id} value={s.id}>
              {s.nama}
            </option>
          ))}
        </select>
        <select
          aria-label={t('bencana.korban.filterKondisi')}
          value={filters.kondisi}
          onChange={(e) => (setFilters({ ...filters, kondisi: e.target.value as KondisiKorban | '' }), setPage(1))}
        >
          <option value="">{t('bencana.korban.allKondisi')}</option>
          {KONDISI_KORBAN.map((k) => (
            <option key={k} value={k}>
              {t(`bencana.kondisi.${k}`)}
            </option>
          ))}
        </select>
        <label className="inline-check">
          <input
            type="checkbox"
            checked={filters.ganda}
            onChange={(e) => (setFilters({ ...filters, ganda: e.target.checked }), setPage(1))}
          />
          {t('bencana.korban.onlyGanda')}
        </label>
      </div>
      <QueryStatus query={list} isEmpty={(d) => d.items.length === 0} empty={<p>{t('bencana.korban.none')}</p>}>
        {(d) => (
          <>
            <p className="muted">{t('bencana.korban.total', { count: d.total, formatted: formatNumber(d.total) })}</p>
            <ul className="plain-list">
              {d.items.map((a) => (
                <Person key={a.id} event={event} person={a} shelters={shelters.data ?? []} />
              ))}
            </ul>
            <Pager page={page} total={d.total} pageSize={PAGE_SIZE} onPage={setPage} />
          </>
        )}
      </QueryStatus>
    </>
  );
}
