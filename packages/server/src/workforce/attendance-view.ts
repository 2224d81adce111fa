import type { AttendanceRecord } from '@tuntas/domain';
import type { Selectable } from 'kysely';
import type { AttendanceTable } from '../db/schema.js';

export type AttendanceRow = Selectable<AttendanceTable> & { username: string; nama_lengkap: string | null; kejadian_nama: string | null };

const point = (lat: number | null, lng: number | null, akurasi: number | null, jarak: number | null) =>
  lat === null || lng === null ? null : { lat, lng, akurasi, jarakKm: jarak === null ? null : Math.round(jarak * 10) / 10 };

export function toAttendanceView(r: AttendanceRow): AttendanceRecord {
  return {
    id: r.id,
    userId: r.user_id,
    username: r.username,
    nama: r.nama_lengkap,
    wilayah: r.wilayah,
    tanggal: r.tanggal,
    status: r.status,
    masukAt: r.masuk_at?.toISOString() ?? null,
    pulangAt: r.pulang_at?.toISOString() ?? null,
    masukDiterimaAt: r.masuk_diterima_at?.toISOString() ?? null,
    pulangDiterimaAt: r.pulang_diterima_at?.toISOString() ?? null,
    tertunda: r.tertunda,
    masuk: point(r.masuk_lat, r.masuk_lng, r.masuk_akurasi, r.masuk_jarak_km),
    pulang: point(r.pulang_lat, r.pulang_lng, r.pulang_akurasi, r.pulang_jarak_km),
    terlambat: r.terlambat,
    pulangCepat: r.pulang_cepat,
    jauh: r.jauh,
    catatan: r.catatan,
    persetujuan: r.persetujuan,
    kejadian: r.disaster_id === null ? null : { id: r.disaster_id, nama: r.kejadian_nama ?? '' },
  };
}
