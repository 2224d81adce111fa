import { cleanNik, isWithinScope } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import type { Actor, RequestOrigin } from '../authz/actor.js';
import { beneficiaryPolicy } from '../authz/policies.js';
import type { DB } from '../db/schema.js';
import { AppError } from '../http/app-error.js';
import { auditPeopleRead, peopleInScope } from './beneficiary-service.js';
import { toBeneficiaryView, type BeneficiaryRow } from './beneficiary-view.js';

export interface NikCheck {
  terdaftar: boolean;
  /** The person holding the NIK as the caller may see them (initials where protected); null outside their scope. */
  orang: { id: string; nama: string } | null;
}

/**
 * Whether a NIK is already registered, asked while the registration form is filled in. It tells no
 * more than registering would: someone outside the caller's scope is only "already registered";
 * someone inside is named as the caller's own view of them names them, and the read is audited.
 */
export async function checkNik(db: Kysely<DB>, actor: Actor, origin: RequestOrigin, raw: string): Promise<NikCheck> {
  if (!beneficiaryPolicy.write(actor)) throw new AppError('FORBIDDEN');
  const nik = cleanNik(raw);
  const holder = await db.selectFrom('beneficiaries').select(['id', 'kode_desa']).where('nik', '=', nik).executeTakeFirst();
  if (!holder) return { terdaftar: false, orang: null };
  if (!isWithinScope(actor.wilayah, holder.kode_desa)) return { terdaftar: true, orang: null };
  const row = (await peopleInScope(db, actor).where('beneficiaries.id', '=', holder.id).executeTakeFirstOrThrow()) as BeneficiaryRow;
  await auditPeopleRead(db, actor, origin, 'beneficiary.nik-check', [row]);
  const view = toBeneficiaryView(row);
  return { terdaftar: true, orang: { id: view.id, nama: view.nama } };
}
