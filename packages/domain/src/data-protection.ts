/**
 * Legal bases of processing personal data (UU 27/2022 tentang Pelindungan Data Pribadi). Consent
 * is one basis of six (Pasal 20 ayat (2)); a ministry mostly processes on its public task and, in an
 * emergency, on the vital interest of the person. So each processing purpose carries its own
 * basis: a withdrawn consent ends only what rests on consent, never a child-protection case.
 */
export const DASAR_PEMROSESAN = [
  'persetujuan',
  'perjanjian',
  'kewajiban_hukum',
  'kepentingan_vital',
  'tugas_publik',
  'kepentingan_sah',
] as const;
export type DasarPemrosesan = (typeof DASAR_PEMROSESAN)[number];

/** Pasal 20 ayat (2) huruf a–f, in the law's words. */
export const DASAR_PEMROSESAN_INFO: Record<DasarPemrosesan, { huruf: string; nama: string }> = {
  persetujuan: { huruf: 'a', nama: 'Persetujuan yang sah secara eksplisit dari subjek data pribadi' },
  perjanjian: { huruf: 'b', nama: 'Pemenuhan kewajiban perjanjian dengan subjek data pribadi' },
  kewajiban_hukum: { huruf: 'c', nama: 'Pemenuhan kewajiban hukum pengendali data pribadi' },
  kepentingan_vital: { huruf: 'd', nama: 'Pelindungan kepentingan vital subjek data pribadi' },
  tugas_publik: { huruf: 'e', nama: 'Pelaksanaan tugas kepentingan umum, pelayanan publik, atau kewenangan berdasarkan peraturan' },
  kepentingan_sah: { huruf: 'f', nama: 'Pemenuhan kepentingan yang sah lainnya' },
};

export const TUJUAN_PEMROSESAN = [
  'rehabilitasi_sosial',
  'perlindungan_anak',
  'tanggap_darurat',
  'rujukan',
  'dokumentasi',
  'penelitian',
] as const;
export type TujuanPemrosesan = (typeof TUJUAN_PEMROSESAN)[number];

export interface PurposeRule {
  nama: string;
  dasar: DasarPemrosesan;
  /** The regulation that gives the ministry this task or duty. */
  sumber: string;
  /** Stated to the person with the consent (Pasal 21 ayat (1) huruf d). */
  retensi: string;
  /** Whom the purpose concerns; `semua` for everyone registered. */
  berlakuUntuk: 'semua' | 'anak' | 'korban_bencana' | 'dirujuk';
}

const RETENSI_LAYANAN =
  'Selama layanan berjalan, lalu sesuai Jadwal Retensi Arsip Kementerian Sosial; sesudah itu dimusnahkan atau dianonimkan.';

export const PURPOSE_RULES: Record<TujuanPemrosesan, PurposeRule> = {
  rehabilitasi_sosial: {
    nama: 'Pendataan, asesmen dan rehabilitasi sosial (manajemen kasus)',
    dasar: 'tugas_publik',
    sumber: 'UU 11/2009 Pasal 7 dan Pasal 25; Permensos 7/2021 (ATENSI)',
    retensi: RETENSI_LAYANAN,
    berlakuUntuk: 'semua',
  },
  perlindungan_anak: {
    nama: 'Perlindungan khusus anak',
    dasar: 'kewajiban_hukum',
    sumber: 'UU 35/2014 Pasal 59 dan Pasal 59A (perlindungan khusus anak)',
    retensi: RETENSI_LAYANAN,
    berlakuUntuk: 'anak',
  },
  tanggap_darurat: {
    nama: 'Pendataan dan pelayanan korban bencana pada masa tanggap darurat',
    dasar: 'kepentingan_vital',
    sumber: 'UU 24/2007 Pasal 48 dan Pasal 55 (tanggap darurat; perlindungan kelompok rentan)',
    retensi: RETENSI_LAYANAN,
    berlakuUntuk: 'korban_bencana',
  },
  rujukan: {
    nama: 'Berbagi data dengan lembaga rujukan untuk layanan',
    dasar: 'tugas_publik',
    sumber: 'UU 11/2009 Pasal 7; Permensos 7/2021 (rujukan dalam ATENSI)',
    retensi: RETENSI_LAYANAN,
    berlakuUntuk: 'dirujuk',
  },
  dokumentasi: {
    nama: 'Foto, dokumentasi dan publikasi kegiatan',
    dasar: 'persetujuan',
    sumber: 'UU 27/2022 Pasal 20 ayat (2) huruf a',
    retensi: 'Sampai persetujuan dicabut.',
    berlakuUntuk: 'semua',
  },
  penelitian: {
    nama: 'Penelitian dan evaluasi program di luar pelayanan',
    dasar: 'persetujuan',
    sumber: 'UU 27/2022 Pasal 20 ayat (2) huruf a',
    retensi: 'Sampai penelitian selesai atau persetujuan dicabut.',
    berlakuUntuk: 'semua',
  },
};

/** The subject's rights told with every consent (Pasal 21 ayat (1) huruf g; the rights of Pasal 5–13). */
export const HAK_SUBJEK: readonly string[] = [
  'Mendapat informasi tentang tujuan, dasar dan pihak yang memproses data (Pasal 5)',
  'Melengkapi, memperbarui dan memperbaiki data yang keliru (Pasal 6)',
  'Mendapat akses dan salinan data pribadinya (Pasal 7)',
  'Mengakhiri pemrosesan, menghapus atau memusnahkan data yang tidak lagi diperlukan (Pasal 8)',
  'Menarik kembali persetujuan yang telah diberikan (Pasal 9)',
  'Mengajukan keberatan atas keputusan yang hanya didasarkan pada pemrosesan otomatis (Pasal 10)',
  'Menunda atau membatasi pemrosesan (Pasal 11)',
  'Menggugat dan menerima ganti rugi atas pelanggaran (Pasal 12)',
  'Mendapat dan menggunakan data pribadinya dalam bentuk yang dapat dibaca sistem elektronik (Pasal 13)',
];

/** The consent giver: a child's consent is given by a parent or guardian (Pasal 25 ayat (2)). */
export const HUBUNGAN_PEMBERI = ['diri_sendiri', 'orang_tua', 'wali', 'pendamping_hukum'] as const;
export type HubunganPemberi = (typeof HUBUNGAN_PEMBERI)[number];

export function mayGiveConsent(hubungan: HubunganPemberi, anak: boolean): boolean {
  return anak ? hubungan === 'orang_tua' || hubungan === 'wali' : true;
}

/**
 * The basis on which a referral shares the person's data, unless the sender states another: the
 * special protection the law owes a child, else the public task of rehabilitation.
 */
export function referralBasis(anak: boolean): DasarPemrosesan {
  return anak ? PURPOSE_RULES.perlindungan_anak.dasar : PURPOSE_RULES.rujukan.dasar;
}

/** What a consent record states, as it was told to the person (kept with the record). */
export interface ConsentStatement {
  dasar: DasarPemrosesan;
  sumber: string;
  retensi: string;
  hakSubjek: string[];
}

export function consentStatement(tujuan: TujuanPemrosesan): ConsentStatement {
  const rule = PURPOSE_RULES[tujuan];
  return { dasar: rule.dasar, sumber: rule.sumber, retensi: rule.retensi, hakSubjek: [...HAK_SUBJEK] };
}

export interface ConsentRecord {
  id: string;
  /** Free text of the purpose as written on the form. */
  tujuan: string;
  /** The processing purpose of the catalogue (null on records from before it). */
  kodeTujuan: TujuanPemrosesan | null;
  pemberiNama: string;
  hubungan: HubunganPemberi;
  diberikanPada: string;
  dicatatOleh: string | null;
  dicatatPada: string;
  dicabutPada: string | null;
  aktif: boolean;
  pernyataan: ConsentStatement | null;
}

/** One purpose and the basis it rests on for one person, as `GET /beneficiaries/{id}/processing-bases` shows it. */
export interface ProcessingBasis {
  tujuan: TujuanPemrosesan;
  nama: string;
  dasar: DasarPemrosesan;
  sumber: string;
  /** Does the purpose concern this person (a child, a disaster victim, someone referred)? */
  relevan: boolean;
  /** May the data be processed for it now: always on a basis other than consent; else an active consent for it. */
  berlaku: boolean;
}

export function processingBases(
  facts: { anak: boolean; korbanBencana: boolean; dirujuk: boolean },
  activeConsents: ReadonlySet<TujuanPemrosesan>,
): ProcessingBasis[] {
  const concerns: Record<PurposeRule['berlakuUntuk'], boolean> = {
    semua: true,
    anak: facts.anak,
    korban_bencana: facts.korbanBencana,
    dirujuk: facts.dirujuk,
  };
  return TUJUAN_PEMROSESAN.map((tujuan) => {
    const rule = PURPOSE_RULES[tujuan];
    return {
      tujuan,
      nama: rule.nama,
      dasar: rule.dasar,
      sumber: rule.sumber,
      relevan: concerns[rule.berlakuUntuk],
      berlaku: rule.dasar === 'persetujuan' ? activeConsents.has(tujuan) : concerns[rule.berlakuUntuk],
    };
  });
}
