import { ATENSI_LAYANAN, PPKS, TAHAPAN } from '@tuntas/domain';
import type { Kysely } from 'kysely';
import { loadWilayah } from '../../reference/load-wilayah.js';

/** Loads Indonesia's areas (idn-area-data) and the PPKS, tahapan and ATENSI catalogues. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await loadWilayah(db);
  const typed = db as Kysely<import('../schema.js').DB>;
  await typed
    .insertInto('ppks')
    .values(
      PPKS.map((p) => ({
        kode: p.kode,
        nama: p.nama,
        singkatan: p.singkatan,
        klaster_atensi: p.klasterAtensi,
        data_spesifik: p.dataSpesifik,
        catatan: p.catatan,
      })),
    )
    .execute();
  await typed
    .insertInto('tahapan')
    .values(TAHAPAN.map((t) => ({ kode: t.kode, urutan: t.urutan, nama: t.nama, status_utama: t.statusUtama })))
    .execute();
  await typed.insertInto('atensi_layanan').values(ATENSI_LAYANAN.map((a) => ({ kode: a.kode, nama: a.nama }))).execute();
}
