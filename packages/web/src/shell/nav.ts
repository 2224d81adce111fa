import type { Role } from '@tuntas/domain';

export interface NavItem {
  to: string;
  label: string; // i18n key under nav.*
  icon: string;
  /** Shown only while the server lists at least one disaster event for the user (a pendamping's Bencana). */
  whenDisasters?: true;
}

const ITEMS = {
  beranda: { to: '/', label: 'nav.beranda', icon: '⌂' },
  kasus: { to: '/kasus', label: 'nav.kasus', icon: '▤' },
  // A pendamping's list holds only their own cases; a koordinator's holds the area's ("Kasus").
  kasusSaya: { to: '/kasus', label: 'nav.kasusSaya', icon: '▤' },
  penerimaManfaat: { to: '/penerima-manfaat', label: 'nav.penerimaManfaat', icon: '☺' },
  kegiatan: { to: '/kegiatan', label: 'nav.kegiatan', icon: '✎' },
  presensi: { to: '/presensi', label: 'nav.presensi', icon: '◷' },
  persetujuan: { to: '/persetujuan', label: 'nav.persetujuan', icon: '✓' },
  tim: { to: '/tim', label: 'nav.tim', icon: '☷' },
  dasbor: { to: '/dasbor', label: 'nav.dasbor', icon: '▦' },
  laporan: { to: '/laporan', label: 'nav.laporan', icon: '▣' },
  pelatihan: { to: '/pelatihan', label: 'nav.pelatihan', icon: '✦' },
  pengguna: { to: '/pengguna', label: 'nav.pengguna', icon: '♟' },
  referensi: { to: '/referensi', label: 'nav.referensi', icon: '≡' },
  audit: { to: '/audit', label: 'nav.audit', icon: '⌕' },
  bencana: { to: '/bencana', label: 'nav.bencana', icon: '⚠' },
  // Issue 18: a pendamping works on an event only when deployed to it or when it strikes their area.
  bencanaBila: { to: '/bencana', label: 'nav.bencana', icon: '⚠', whenDisasters: true },
} satisfies Record<string, NavItem>;

/** Navigation by role (issue 5): the browser shows only what the role works with; the server decides access. */
export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  pendamping: [ITEMS.beranda, ITEMS.bencanaBila, ITEMS.kasusSaya, ITEMS.penerimaManfaat, ITEMS.kegiatan, ITEMS.presensi, ITEMS.pelatihan],
  koordinator: [
    ITEMS.beranda,
    ITEMS.kasus,
    ITEMS.penerimaManfaat,
    ITEMS.kegiatan,
    ITEMS.presensi,
    ITEMS.persetujuan,
    ITEMS.tim,
    ITEMS.dasbor,
    ITEMS.bencana,
    ITEMS.pelatihan,
    ITEMS.pengguna,
  ],
  direktorat: [ITEMS.beranda, ITEMS.dasbor, ITEMS.bencana, ITEMS.laporan, ITEMS.pelatihan, ITEMS.penerimaManfaat],
  admin: [ITEMS.beranda, ITEMS.pengguna, ITEMS.referensi, ITEMS.penerimaManfaat, ITEMS.audit, ITEMS.bencana],
  auditor: [ITEMS.beranda, ITEMS.audit, ITEMS.penerimaManfaat, ITEMS.bencana],
};
