import { randomUUID } from 'node:crypto';
import {
  nameSearchKey,
  perkiraanTanggalLahir,
  wilayahClock,
  type FasilitasPosko,
  type KelompokRentan,
  type KondisiKorban,
  type PeranPenugasan,
  type StatusBencana,
} from '@tuntas/domain';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { personName } from './demo-population.js';
import { addDays, at, chunked, DAY } from './disaster-seed-helpers.js';
import { seedLdpSessions } from './seed-disaster-ldp.js';
import { seedTracingAndAid } from './seed-disaster-tracing.js';
import type { Random } from './random.js';

export interface DisasterSeedResult {
  disasters: number;
  shelters: number;
  affected: number;
  ldpSessions: number;
  deployments: number;
  tracing: number;
  aid: number;
}

/** The demo pendamping of Jawa Timur deployed to the Jakarta flood today (named in the README of the demo). */
export const DEPLOYED_DEMO_ACCOUNT = 'pendamping.35.10';

export interface EventSpec {
  nama: string;
  wilayah: string[];
  mulai: string;
  /** Status moves after the start: [days after start, status]. */
  moves: Array<[number, StatusBencana]>;
  createdBy: string | null;
  shelters: Array<{ nama: string; kapasitas: number; fasilitas: FasilitasPosko[]; kebutuhan: string | null }>;
  households: number;
  /** Registry people of the area linked by NIK (heads of the first households). */
  linked: number;
  /** Who recorded: deployed and local pendamping. */
  recorders: string[];
  deployments: Array<{ userId: string; mulai: string; selesai: string; peran: PeranPenugasan }>;
  /** The last day anything was recorded (today, or the day the emergency ended). */
  lastDay: string;
  /** Where the shelters are, roughly (lat, lng). */
  pusat: [number, number];
}

const FACILITIES: FasilitasPosko[] = ['air_bersih', 'mck', 'dapur_umum', 'ruang_ramah_anak', 'layanan_kesehatan', 'penerangan'];

/** One event with everything the screens and the sitrep show, as a handful of multi-row inserts. */
async function seedEvent(
  trx: Kysely<DB>,
  spec: EventSpec,
  now: Date,
  random: Random,
): Promise<{ shelters: number; affected: number; ldp: number; tracing: number; aid: number }> {
  const status = spec.moves.at(-1)?.[1] ?? 'tanggap_darurat';
  const selesai = status === 'selesai' ? addDays(spec.mulai, spec.moves.at(-1)![0]) : null;
  const event = await trx
    .insertInto('disasters')
    .values({
      nama: spec.nama,
      jenis: 'banjir',
      status,
      mulai: spec.mulai,
      selesai,
      keterangan: 'Data demo: kejadian dan korban rekaan.',
      created_by: spec.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('disaster_wilayah')
    .values(spec.wilayah.map((kode) => ({ disaster_id: event.id, kode })))
    .execute();
  await trx
    .insertInto('disaster_status_history')
    .values([
      {
        disaster_id: event.id,
        status: 'tanggap_darurat',
        catatan: 'Penetapan status tanggap darurat',
        oleh: spec.createdBy,
        pada: at(spec.mulai, 9),
      },
      ...spec.moves.map(([d, s]) => ({
        disaster_id: event.id,
        status: s,
        catatan: null,
        oleh: spec.createdBy,
        pada: at(addDays(spec.mulai, d), 10),
      })),
    ])
    .execute();
  if (spec.deployments.length) {
    await trx
      .insertInto('disaster_deployments')
      .values(
        spec.deployments.map((d) => ({
          disaster_id: event.id,
          user_id: d.userId,
          mulai: d.mulai,
          selesai: d.selesai,
          peran: d.peran,
          surat_tugas: `${random.int(100, 999)}/RSKBK/ST/${d.mulai.slice(0, 4)}`,
          created_by: spec.createdBy,
        })),
      )
      .execute();
  }

  const villages = (
    await trx
      .selectFrom('wilayah')
      .select('kode')
      .where('tingkat', '=', 4)
      .where((eb) => eb.or(spec.wilayah.map((w) => eb('kode', 'like', `${w}.%`))))
      .orderBy('kode')
      .execute()
  ).map((v) => v.kode);
  const shelterVillages = spec.shelters.map(() => random.pick(villages));
  const shelters = spec.shelters.map((s, i) => ({
    id: randomUUID(),
    disaster_id: event.id,
    nama: s.nama,
    jenis: 'pengungsian' as const,
    kode_desa: shelterVillages[i]!,
    lat: spec.pusat[0] + (random.next() - 0.5) * 0.12,
    lng: spec.pusat[1] + (random.next() - 0.5) * 0.12,
    kapasitas: s.kapasitas,
    fasilitas: s.fasilitas,
    kebutuhan: s.kebutuhan,
    created_at: at(spec.mulai, 12),
  }));
  await trx.insertInto('disaster_shelters').values(shelters).execute();

  const registry = await trx
    .selectFrom('beneficiaries')
    .select(['id', 'kode_desa', 'tanggal_lahir'])
    .where('nik', 'is not', null)
    .where((eb) => eb.or(spec.wilayah.map((w) => eb('kode_desa', 'like', `${w}.%`))))
    .orderBy('id')
    .limit(spec.linked)
    .execute();

  const days = Math.max(1, Math.round((Date.parse(spec.lastDay) - Date.parse(spec.mulai)) / DAY) + 1);
  const today = new Date(Date.parse(`${spec.lastDay}T00:00:00Z`));
  const people: Array<Insertable<DB['beneficiaries']>> = [];
  const affected: Array<Insertable<DB['disaster_affected']> & { id: string; dicatat_pada: Date }> = [];
  const history: Array<Insertable<DB['disaster_affected_history']>> = [];
  const children: string[] = [];
  for (let h = 0; h < spec.households; h++) {
    const home = h < registry.length ? registry[h]!.kode_desa : random.pick(villages);
    const shelterIndex = random.int(0, shelters.length - 1);
    const recorder = random.pick(spec.recorders);
    // Most people are registered in the first two days, the rest as the teams reach them.
    const dayIndex = Math.min(days - 1, random.chance(0.7) ? random.int(0, Math.min(1, days - 1)) : random.int(0, days - 1));
    const when = at(addDays(spec.mulai, dayIndex), random.int(8, 20));
    const registered = when > now ? new Date(now.getTime() - random.int(1, 120) * 60_000) : when;
    const size = random.weighted([1, 2, 3, 4, 5, 6], [1, 3, 6, 9, 11, 12]);
    const displaced = random.chance(0.82);
    let keluarga: string | null = null;
    for (let m = 0; m < size; m++) {
      const female = m === 1 ? true : m === 0 ? random.chance(0.2) : random.chance(0.5);
      const umur = m === 0 ? random.int(25, 70) : m === 1 ? random.int(22, 60) : m === 5 ? random.int(60, 85) : random.int(0, 17);
      const linked = m === 0 && h < registry.length ? registry[h]! : null;
      let beneficiaryId: string;
      if (linked) beneficiaryId = linked.id;
      else {
        beneficiaryId = randomUUID();
        const estimated = random.chance(0.6);
        const nama = personName(random, female);
        people.push({
          id: beneficiaryId,
          nik: null,
          alasan_tanpa_nik: umur < 1 ? 'bayi_belum_tercatat' : 'dokumen_hilang_bencana',
          tanggal_lahir_perkiraan: estimated,
          nama,
          nama_kunci: nameSearchKey(nama),
          jenis_kelamin: female ? 'P' : 'L',
          tanggal_lahir: estimated ? perkiraanTanggalLahir(umur, today) : addDays(spec.lastDay, -(umur * 365 + random.int(0, 364))),
          kode_desa: home,
          provinsi: home.slice(0, 2),
          created_by: recorder,
          updated_by: recorder,
        });
      }
      const groups: KelompokRentan[] = [];
      if (umur < 5) groups.push('balita');
      if (umur >= 60) groups.push('lansia');
      if (female && umur >= 20 && umur <= 40 && random.chance(0.06)) groups.push('ibu_hamil');
      if (female && m === 1 && size >= 3 && random.chance(0.25)) groups.push('ibu_menyusui');
      if (random.chance(0.02)) groups.push('disabilitas');
      if (umur >= 40 && random.chance(0.06)) groups.push('sakit_kronis');
      if (size === 1 && umur < 18) groups.push('anak_tanpa_pendamping');
      const roll = random.next();
      const kondisi: KondisiKorban =
        roll < 0.004 ? 'meninggal' : roll < 0.01 ? 'hilang' : roll < 0.07 ? 'luka' : displaced ? 'mengungsi' : 'di_rumah';
      const id = randomUUID();
      keluarga ??= size > 1 ? id : null;
      const shelterId = kondisi === 'mengungsi' || (kondisi === 'luka' && displaced) ? shelters[shelterIndex]!.id : null;
      affected.push({
        id,
        disaster_id: event.id,
        beneficiary_id: beneficiaryId,
        provinsi: home.slice(0, 2),
        shelter_id: shelterId,
        kondisi,
        kelompok_rentan: groups,
        kebutuhan: groups.includes('balita') ? 'Susu dan popok bayi' : kondisi === 'luka' ? 'Perawatan luka' : null,
        keluarga_id: keluarga,
        terhubung_registri: linked !== null,
        dicatat_oleh: recorder,
        dicatat_pada: registered,
      });
      if (umur >= 5 && umur < 13 && shelterId) children.push(id);
      // The injured found later at a shelter, or people going home: a second history row.
      const later = new Date(registered.getTime() + random.int(1, 3) * DAY);
      if (kondisi === 'luka' && shelterId && later < now) {
        history.push({
          disaster_id: event.id,
          affected_id: id,
          berlaku: registered,
          kondisi: 'luka',
          shelter_id: null,
          kelompok_rentan: groups,
          oleh: recorder,
        });
        history.push({
          disaster_id: event.id,
          affected_id: id,
          berlaku: later,
          kondisi,
          shelter_id: shelterId,
          kelompok_rentan: groups,
          oleh: recorder,
        });
      } else
        history.push({
          disaster_id: event.id,
          affected_id: id,
          berlaku: registered,
          kondisi,
          shelter_id: shelterId,
          kelompok_rentan: groups,
          oleh: recorder,
        });
    }
  }
  // A few registered twice at two shelters (separate teams): stored, flagged for checking.
  for (const twin of affected.filter((a) => a.shelter_id && a.kondisi === 'mengungsi').slice(0, 6)) {
    const other = shelters.find((s) => s.id !== twin.shelter_id)!;
    const id = randomUUID();
    const when = new Date(Math.min(now.getTime(), twin.dicatat_pada.getTime() + 3_600_000));
    twin.kemungkinan_ganda = true;
    affected.push({ ...twin, id, shelter_id: other.id, keluarga_id: null, kemungkinan_ganda: true, dicatat_pada: when });
    history.push({
      disaster_id: event.id,
      affected_id: id,
      berlaku: when,
      kondisi: 'mengungsi',
      shelter_id: other.id,
      kelompok_rentan: twin.kelompok_rentan ?? [],
      oleh: twin.dicatat_oleh ?? null,
    });
  }
  await chunked(people, 1000, (part) => trx.insertInto('beneficiaries').values(part).execute());
  await chunked(affected, 1000, (part) => trx.insertInto('disaster_affected').values(part).execute());
  await chunked(history, 2000, (part) => trx.insertInto('disaster_affected_history').values(part).execute());

  const ldp = await seedLdpSessions(
    trx,
    { disasterId: event.id, mulai: spec.mulai, days, shelters, children, recorders: spec.recorders },
    random,
  );
  const found = await seedTracingAndAid(
    trx,
    { disasterId: event.id, spec, now, villages: shelterVillages, affected, tracing: status !== 'selesai' },
    random,
  );
  return { shelters: shelters.length, affected: affected.length, ldp, ...found };
}

/**
 * Disaster response for the demo: a closed flood of the Bengawan Solo in Jawa Timur two months
 * ago, and an active flood in Jakarta (koordinator.31's province) begun four days ago, with
 * shelters (one over capacity), a few thousand affected people (most without documents, in
 * households), LDP sessions, family tracing, aid and deployments from several provinces — among them
 * `pendamping.35.10` of Jawa Timur, deployed to Jakarta from yesterday for two weeks.
 */
export async function seedDisasters(db: Kysely<DB>, now: Date, random: Random): Promise<DisasterSeedResult> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'username', 'role', 'wilayah'])
    .where('disabled_at', 'is', null)
    .orderBy('username')
    .execute();
  const byName = new Map(users.map((u) => [u.username, u.id]));
  const pendampingOf = (province: string, n: number) =>
    users
      .filter((u) => u.role === 'pendamping' && u.wilayah?.startsWith(`${province}.`) && u.username !== DEPLOYED_DEMO_ACCOUNT)
      .slice(0, n)
      .map((u) => u.id);
  const deployedDemo = byName.get(DEPLOYED_DEMO_ACCOUNT);
  const today31 = wilayahClock('31', now).tanggal;
  const today35 = wilayahClock('35', now).tanggal;

  const jakartaMulai = addDays(today31, -4);
  const guests = [...pendampingOf('32', 3), ...pendampingOf('33', 2), ...pendampingOf('36', 2)];
  const locals = pendampingOf('31', 4);
  const jakarta: EventSpec = {
    nama: 'Banjir Jakarta Utara, Barat dan Timur',
    wilayah: ['31.72', '31.73', '31.75'],
    mulai: jakartaMulai,
    moves: [],
    createdBy: byName.get('direktorat') ?? null,
    shelters: [
      { nama: 'Pengungsian GOR Kecamatan Cengkareng', kapasitas: 400, fasilitas: FACILITIES, kebutuhan: 'Selimut, air bersih' },
      {
        nama: 'Pengungsian Masjid Jami Al-Ikhlas',
        kapasitas: 150,
        fasilitas: ['air_bersih', 'mck', 'dapur_umum'],
        kebutuhan: 'Popok bayi, obat-obatan',
      },
      {
        nama: 'Posko SDN Kampung Melayu 01',
        kapasitas: 200,
        fasilitas: ['mck', 'ruang_ramah_anak'],
        kebutuhan: 'Tikar, makanan siap saji',
      },
      { nama: 'Pengungsian Balai Warga Penjaringan', kapasitas: 120, fasilitas: ['air_bersih', 'mck'], kebutuhan: 'MCK portabel' },
    ],
    households: 620,
    linked: 60,
    recorders: [...(deployedDemo ? [deployedDemo] : []), ...guests, ...locals],
    deployments: [
      ...(deployedDemo
        ? [{ userId: deployedDemo, mulai: addDays(today31, -1), selesai: addDays(today31, 13), peran: 'ldp' as const }]
        : []),
      ...guests.map((userId, i) => ({
        userId,
        mulai: jakartaMulai,
        selesai: addDays(today31, i === 0 ? -1 : 10),
        peran: (['pendataan', 'pengelolaan_pengungsian', 'pendampingan_kasus'] as const)[i % 3]!,
      })),
    ],
    lastDay: today31,
    pusat: [-6.16, 106.84],
  };
  const jatimMulai = addDays(today35, -75);
  const jatimGuests = [...pendampingOf('33', 2), ...pendampingOf('34', 2)];
  const bojonegoro: EventSpec = {
    nama: 'Banjir Luapan Bengawan Solo di Bojonegoro dan Tuban',
    wilayah: ['35.22', '35.23'],
    mulai: jatimMulai,
    moves: [
      [12, 'transisi_darurat'],
      [20, 'pemulihan'],
      [40, 'selesai'],
    ],
    createdBy: byName.get('koordinator.35') ?? null,
    shelters: [
      { nama: 'Pengungsian Stadion Letjen H. Soedirman', kapasitas: 500, fasilitas: FACILITIES, kebutuhan: null },
      { nama: 'Pengungsian Pendopo Kecamatan Widang', kapasitas: 250, fasilitas: ['air_bersih', 'mck', 'dapur_umum'], kebutuhan: null },
    ],
    households: 260,
    linked: 30,
    recorders: [...jatimGuests, ...pendampingOf('35', 3)],
    deployments: jatimGuests.map((userId) => ({
      userId,
      mulai: addDays(jatimMulai, 1),
      selesai: addDays(jatimMulai, 30),
      peran: 'pendataan' as const,
    })),
    lastDay: addDays(jatimMulai, 12),
    pusat: [-7.15, 111.88],
  };
  return db.transaction().execute(async (trx) => {
    const a = await seedEvent(trx, jakarta, now, random);
    const b = await seedEvent(trx, bojonegoro, now, random);
    return {
      disasters: 2,
      shelters: a.shelters + b.shelters,
      affected: a.affected + b.affected,
      ldpSessions: a.ldp + b.ldp,
      deployments: jakarta.deployments.length + bojonegoro.deployments.length,
      tracing: a.tracing + b.tracing,
      aid: a.aid + b.aid,
    };
  });
}
