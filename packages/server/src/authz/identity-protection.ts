import type { BeneficiaryRecord } from '@tuntas/domain';
import { sql, type RawBuilder } from 'kysely';
import type { Actor } from './actor.js';

/**
 * Who sees the identity of a protected person — decided here, once, in SQL, so the same rule
 * masks a record, filters a search and gates a write on every path.
 *
 * A person is protected while a child (UU 35/2014 Pasal 64; UU 11/2012 Pasal 19) or when they are
 * registered, or have any case, in a category of specific personal data (UU 27/2022 Pasal 4(2):
 * health, violence, trafficking, HIV…). Their identity is seen by:
 * - the pendamping who owns one of their cases (or registered them, until someone is assigned to
 *   one of their cases — a case opened unassigned from a disaster shelter leaves the registrar's
 *   view as it was until the host koordinator assigns it);
 * - the koordinator of the area (queries are already limited to the koordinator's area);
 * - an auditor for an hour after recording a reason (break-glass).
 * Everyone else — a colleague of the same regency, the direktorat, an admin, who manages accounts
 * and data but not clients — sees a masked view.
 */

/** The three facts every read of a person needs, as selected columns. */
export interface IdentityFlags {
  /** The person is protected now. */
  terlindungi: boolean;
  /** The caller sees the identity. */
  terbuka: boolean;
  /** The caller is the person's own pendamping (their reads are not audited). */
  pemilik: boolean;
}

const col = (person: string, column: string) => sql.ref(`${person}.${column}`);

/** Under 18 today, by the database's calendar (the same `current_date` for every path). */
export function isChildSql(person: string): RawBuilder<boolean> {
  return sql<boolean>`(${col(person, 'tanggal_lahir')} > (current_date - interval '18 years'))`;
}

export function isProtectedSql(person: string): RawBuilder<boolean> {
  return sql<boolean>`(${col(person, 'data_spesifik')}
    or ${isChildSql(person)}
    or coalesce(${col(person, 'kategori_ppks')} in (select kode from ppks where data_spesifik), false))`;
}

function ownsSql(actor: Actor, person: string): RawBuilder<boolean> {
  if (actor.role !== 'pendamping') return sql<boolean>`false`;
  const id = col(person, 'id');
  return sql<boolean>`(exists (select 1 from cases oc where oc.beneficiary_id = ${id} and oc.pendamping_id = ${actor.id})
    or (${col(person, 'created_by')} = ${actor.id} and not exists (select 1 from cases oc where oc.beneficiary_id = ${id} and oc.pendamping_id is not null)))`;
}

function breakGlassSql(actor: Actor, person: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from identity_access ia
    where ia.beneficiary_id = ${col(person, 'id')} and ia.user_id = ${actor.id} and ia.berlaku_sampai > now())`;
}

/**
 * What the rule weighs about one record of a person, as SQL: protected or not, owned by the
 * actor, opened to them by break-glass. A registry person has them from its own columns
 * (`personFacts`); a record about someone not (or not yet) in the registry — a disaster's tracing
 * record — builds them from its own columns and those of the person it is linked to.
 */
export interface IdentityFacts {
  terlindungi: RawBuilder<boolean>;
  pemilik: RawBuilder<boolean>;
  breakGlass: RawBuilder<boolean>;
}

export function personFacts(actor: Actor, person: string): IdentityFacts {
  return { terlindungi: isProtectedSql(person), pemilik: ownsSql(actor, person), breakGlass: breakGlassSql(actor, person) };
}

/** The rule itself, over the facts: does `actor` see the identity? */
export function seesIdentityBySql(actor: Actor, facts: IdentityFacts): RawBuilder<boolean> {
  switch (actor.role) {
    case 'koordinator':
      return sql<boolean>`true`;
    case 'pendamping':
      return sql<boolean>`(not ${facts.terlindungi} or ${facts.pemilik})`;
    case 'auditor':
      return sql<boolean>`(not ${facts.terlindungi} or ${facts.breakGlass})`;
    case 'admin':
    case 'direktorat':
      return sql<boolean>`(not ${facts.terlindungi})`;
  }
}

/** The rule: does `actor` see the identity of the person in table alias `person`? */
export function seesIdentitySql(actor: Actor, person: string): RawBuilder<boolean> {
  return seesIdentityBySql(actor, personFacts(actor, person));
}

/** Selections that give a row its `IdentityFlags` from the facts of any record about a person. */
export function identityFlagSelections(actor: Actor, facts: IdentityFacts) {
  return [facts.terlindungi.as('terlindungi'), seesIdentityBySql(actor, facts).as('terbuka'), facts.pemilik.as('pemilik')] as const;
}

/** Selections that give a row its `IdentityFlags` (and `anak`); add them to any query of people. */
export function identitySelections(actor: Actor, person: string) {
  return [...identityFlagSelections(actor, personFacts(actor, person)), isChildSql(person).as('anak')] as const;
}

export function maskName(nama: string): string {
  return nama
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => `${word[0]!.toUpperCase()}.`)
    .join(' ');
}

/** The regency part of an area code: as far as a masked view may locate anyone. */
export function regencyOf(kode: string): string {
  return kode.split('.').slice(0, 2).join('.');
}

/**
 * A masked person: initials, sex, birth year, regency and category. No NIK, temporary number or No. KK at all —
 * their digits encode the village, birth date and sex, so a partial mask can be undone.
 */
export function maskBeneficiary(view: BeneficiaryRecord): BeneficiaryRecord {
  return {
    ...view,
    nik: null,
    // The temporary number is an identifier as much as a NIK; the reason may tell the category.
    nomorSementara: null,
    alasanTanpaNik: null,
    noKk: null,
    nama: maskName(view.nama),
    tempatLahir: null,
    tanggalLahir: null,
    alamat: null,
    kodeDesa: null,
    telepon: null,
    disabilitas: null,
    catatan: null,
    identitasTerlindungi: true,
  };
}

export function hidesIdentity(flags: Pick<IdentityFlags, 'terlindungi' | 'terbuka'>): boolean {
  return flags.terlindungi && !flags.terbuka;
}
