/** Shapes of the dashboard API, shared by the server and the web app. */
export type StatusCounts = { terdata: number; tertangani: number; terselesaikan: number; ditutup: number; total: number };

/** The dashboard of one level (national, a province, a regency), read from the summary tables. */
export interface DashboardOverview {
  wilayah: string | null;
  nama: string;
  /** The level whose areas `anak` lists: provinces, regencies, or none below a regency. */
  tingkatAnak: 'provinsi' | 'kabupaten' | null;
  funnel: StatusCounts;
  /** Terselesaikan over all cases, percent with one decimal. */
  tingkatPenyelesaian: number;
  tahapanAktif: Record<string, number>;
  anak: Array<StatusCounts & { kode: string; nama: string; tingkatPenyelesaian: number; terlambat: number }>;
  ppks: Array<StatusCounts & { kode: string; medianHari: number | null }>;
  tren: Array<{ bulan: string; dibuat: number; terselesaikan: number; ditutup: number }>;
  medianHari: number | null;
  backlog: Array<{ umur: '0-30' | '31-90' | '91-180' | '>180'; aktif: number; terlambat: number }>;
  terlambat: number;
  backlogDiperbarui: string | null;
  bebanKasus: {
    pendamping: number;
    rataRata: number;
    diAtasRekomendasi: number;
    diAtasMaksimum: number;
    rekomendasi: number;
    maksimum: number;
  };
  tenagaKerja: { tingkatKehadiranBulanIni: number | null; kegiatanMenunggu: number };
  /** Referrals waiting for an institution's answer, and those past their agreed days. */
  rujukan: { menunggu: number; terlambat: number };
}
