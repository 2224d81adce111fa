import type { Role } from '@tuntas/domain';
import {
  ClipboardCheck,
  Clock,
  Database,
  FileText,
  FolderOpen,
  GraduationCap,
  House,
  LayoutDashboard,
  NotebookPen,
  ScrollText,
  ShieldCheck,
  TriangleAlert,
  UserCog,
  Users,
  UsersRound,
  type LucideIcon,
} from 'lucide-react';

export interface NavItem {
  to: string;
  label: string; // i18n key under nav.*
  /** From Lucide, an icon set drawn on one grid (Unicode glyphs render differently on every phone). */
  icon: LucideIcon;
  /** Shown only while the server lists at least one disaster event for the user (a pendamping's Bencana). */
  whenDisasters?: true;
}

const ITEMS = {
  beranda: { to: '/', label: 'nav.beranda', icon: House },
  kasus: { to: '/kasus', label: 'nav.kasus', icon: FolderOpen },
  // A pendamping's list holds only their own cases; a koordinator's holds the area's ("Kasus").
  kasusSaya: { to: '/kasus', label: 'nav.kasusSaya', icon: FolderOpen },
  penerimaManfaat: { to: '/penerima-manfaat', label: 'nav.penerimaManfaat', icon: Users },
  kegiatan: { to: '/kegiatan', label: 'nav.kegiatan', icon: NotebookPen },
  presensi: { to: '/presensi', label: 'nav.presensi', icon: Clock },
  persetujuan: { to: '/persetujuan', label: 'nav.persetujuan', icon: ClipboardCheck },
  tim: { to: '/tim', label: 'nav.tim', icon: UsersRound },
  dasbor: { to: '/dasbor', label: 'nav.dasbor', icon: LayoutDashboard },
  laporan: { to: '/laporan', label: 'nav.laporan', icon: FileText },
  pelatihan: { to: '/pelatihan', label: 'nav.pelatihan', icon: GraduationCap },
  pengguna: { to: '/pengguna', label: 'nav.pengguna', icon: UserCog },
  referensi: { to: '/referensi', label: 'nav.referensi', icon: Database },
  audit: { to: '/audit', label: 'nav.audit', icon: ScrollText },
  retensi: { to: '/retensi', label: 'nav.retensi', icon: ShieldCheck },
  bencana: { to: '/bencana', label: 'nav.bencana', icon: TriangleAlert },
  // Issue 18: a pendamping works on an event only when deployed to it or when it strikes their area.
  bencanaBila: { to: '/bencana', label: 'nav.bencana', icon: TriangleAlert, whenDisasters: true },
} satisfies Record<string, NavItem>;

/** Navigation by role (issue 5): the browser shows only what the role works with; the server decides access. */
export const NAV_BY_ROLE: Record<Role, NavItem[]> = {
  pendamping: [ITEMS.beranda, ITEMS.bencanaBila, ITEMS.kasusSaya, ITEMS.penerimaManfaat, ITEMS.kegiatan, ITEMS.presensi, ITEMS.pelatihan],
  // The day's decisions first: on a phone the first four are the bar, the rest behind "Lainnya" (MainNav.tsx).
  koordinator: [
    ITEMS.beranda,
    ITEMS.kasus,
    ITEMS.persetujuan,
    ITEMS.tim,
    ITEMS.presensi,
    ITEMS.kegiatan,
    ITEMS.penerimaManfaat,
    ITEMS.dasbor,
    ITEMS.bencana,
    ITEMS.pelatihan,
    ITEMS.pengguna,
    ITEMS.retensi,
  ],
  direktorat: [ITEMS.beranda, ITEMS.dasbor, ITEMS.bencana, ITEMS.laporan, ITEMS.pelatihan, ITEMS.penerimaManfaat, ITEMS.retensi],
  admin: [ITEMS.beranda, ITEMS.pengguna, ITEMS.referensi, ITEMS.penerimaManfaat, ITEMS.audit, ITEMS.bencana, ITEMS.retensi],
  auditor: [ITEMS.beranda, ITEMS.audit, ITEMS.penerimaManfaat, ITEMS.bencana],
};
