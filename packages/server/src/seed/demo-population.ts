/**
 * Shapes of the synthetic national data set: province populations (BPS 2024, millions, rounded),
 * how common each PPKS category is among cases, and names. Plausible, not official statistics.
 */
export const PROVINCE_POPULATION: Readonly<Record<string, number>> = {
  '11': 5.6, '12': 15.6, '13': 5.8, '14': 6.7, '15': 3.7, '16': 8.8, '17': 2.1, '18': 9.4, '19': 1.5, '21': 2.2,
  '31': 10.7, '32': 50.3, '33': 37.9, '34': 3.8, '35': 41.8, '36': 12.4, '51': 4.4, '52': 5.6, '53': 5.6,
  '61': 5.6, '62': 2.8, '63': 4.2, '64': 4.0, '65': 0.7, '71': 2.7, '72': 3.1, '73': 9.4, '74': 2.8, '75': 1.2,
  '76': 1.5, '81': 1.9, '82': 1.4, '91': 1.1, '92': 0.6, '93': 0.5, '94': 1.4, '95': 1.5, '96': 0.6,
};

/** Relative frequency of each category among cases: disasters, poverty and elderly dominate. */
export const PPKS_WEIGHTS: Readonly<Record<string, number>> = {
  '01': 2, '02': 6, '03': 2, '04': 2, '05': 3, '06': 3, '07': 1.5, '08': 12, '09': 7, '10': 0.7, '11': 2.5, '12': 2.5,
  '13': 1.5, '14': 0.5, '15': 1.5, '16': 0.8, '17': 2, '18': 0.5, '19': 3, '20': 1.5, '21': 18, '22': 3, '23': 5,
  '24': 16, '25': 2, '26': 1.5,
};

/** Age bands that fit a category: children's categories are under 18, lansia telantar 60 and over (domain ppks-age.ts). */
export function ageRangeFor(ppks: string): [number, number] {
  const code = Number(ppks);
  if (code === 1) return [0, 4];
  if (code >= 2 && code <= 7) return [5, 17];
  if (code === 8) return [60, 90];
  return [18, 70];
}

// Name parts from across the archipelago (Javanese, Sundanese, Batak, Minang, Bugis, Balinese,
// Malay, Arabic-, Christian- and Chinese-Indonesian usage). Names are combined from one to three
// parts, so like a real registry most full names are rare and a search narrows quickly.
export const FIRST_NAMES_L = [
  'Muhammad', 'Ahmad', 'Budi', 'Agus', 'Slamet', 'Joko', 'Eko', 'Hendra', 'Rudi', 'Yusuf', 'Andi', 'Bambang', 'Dedi',
  'Wayan', 'Made', 'Komang', 'Teguh', 'Rizki', 'Fajar', 'Hadi', 'Sutrisno', 'Imam', 'Arif', 'Dimas', 'Yohanes',
  'Markus', 'La Ode', 'Ilham', 'Saiful', 'Taufik', 'Bayu', 'Gilang', 'Supriyadi', 'Darmawan', 'Asep', 'Ujang', 'Cecep',
  'Dadang', 'Ketut', 'Nyoman', 'Putu', 'Gede', 'Hamzah', 'Iskandar', 'Zulkifli', 'Firman', 'Herman', 'Yosef', 'Paulus',
  'Petrus', 'Stefanus', 'Fransiskus', 'Antonius', 'Rahmat', 'Hidayat', 'Syahrul', 'Irfan', 'Wahyu', 'Yoga', 'Adi',
  'Ari', 'Bagus', 'Catur', 'Danang', 'Edi', 'Feri', 'Galih', 'Harun', 'Indra', 'Jaka', 'Kurnia', 'Lukman', 'Mulyadi',
  'Nanang', 'Oki', 'Pandu', 'Rangga', 'Sigit', 'Tono', 'Umar', 'Victor', 'Wawan', 'Yudi', 'Zainal', 'Abdul', 'Aditya',
];
export const FIRST_NAMES_P = [
  'Siti', 'Sri', 'Dewi', 'Ani', 'Nur', 'Rina', 'Wulan', 'Putri', 'Ayu', 'Lestari', 'Fitri', 'Yuliana', 'Ni Luh', 'Kadek',
  'Rahayu', 'Sumarni', 'Suryani', 'Maria', 'Theresia', 'Indah', 'Nurul', 'Aisyah', 'Fatimah', 'Dian', 'Ratna',
  'Kartini', 'Wahyuni', 'Mega', 'Intan', 'Nabila', 'Euis', 'Neneng', 'Cucu', 'Imas', 'Made', 'Komang', 'Kadek',
  'Agnes', 'Yohana', 'Magdalena', 'Veronika', 'Elisabeth', 'Rosa', 'Susanti', 'Handayani', 'Purwanti', 'Sulastri',
  'Tri', 'Eka', 'Dwi', 'Endang', 'Hartini', 'Juwita', 'Kurniasih', 'Lina', 'Marlina', 'Novita', 'Oktavia', 'Puspita',
  'Rosmawati', 'Sari', 'Titin', 'Umi', 'Vina', 'Winda', 'Yanti', 'Zahra', 'Annisa', 'Bunga', 'Citra', 'Desi', 'Erna',
];
export const MIDDLE_NAMES = [
  'Adi', 'Nur', 'Dwi', 'Tri', 'Eka', 'Budi', 'Putra', 'Putri', 'Sari', 'Dewi', 'Rahmat', 'Hidayat', 'Indah', 'Ayu',
  'Wahyu', 'Agung', 'Cahya', 'Dharma', 'Fitri', 'Hari', 'Jaya', 'Kusuma', 'Laksmi', 'Mulia', 'Nugraha', 'Permata',
  'Ratna', 'Surya', 'Tirta', 'Utami', 'Wijaya', 'Yulia', 'Abdul', 'Ali', 'Maulana', 'Rizky', 'Sekar', 'Bintang',
];
export const FAMILY_NAMES = [
  'Santoso', 'Wijaya', 'Saputra', 'Hidayat', 'Nasution', 'Siregar', 'Harahap', 'Simanjuntak', 'Lubis', 'Kurniawan',
  'Setiawan', 'Pratama', 'Susanto', 'Rahman', 'Hasibuan', 'Pangaribuan', 'Tanjung', 'Manurung', 'Wibowo', 'Gunawan',
  'Purnomo', 'Sihombing', 'Mahendra', 'Kusuma', 'Utomo', 'Nugroho', 'Lumban Tobing', 'Sembiring', 'Ginting', 'Tarigan',
  'Rumbiak', 'Wenda', 'Manuputty', 'Latuconsina', 'Daeng', 'Pattimura', 'Aritonang', 'Sinaga', 'Hakim', 'Syahputra',
  'Suryadi', 'Haryanto', 'Prasetyo', 'Firmansyah', 'Ramadhan', 'Maulana', 'Anggraini', 'Permana', 'Hutapea', 'Panjaitan',
  'Silalahi', 'Simatupang', 'Situmorang', 'Batubara', 'Damanik', 'Saragih', 'Purba', 'Sitompul', 'Marpaung', 'Napitupulu',
  'Rangkuti', 'Pohan', 'Tambunan', 'Sitorus', 'Pardede', 'Matondang', 'Koto', 'Chaniago', 'Piliang', 'Sikumbang',
  'Pane', 'Mandagi', 'Wowor', 'Lontoh', 'Sumampouw', 'Rondonuwu', 'Tanoto', 'Halim', 'Salim', 'Gozali', 'Tjandra',
  'Yap', 'Liem', 'Mokodompit', 'Lamato', 'Paembonan', 'Rombe', 'Tandi', 'Pasaribu', 'Sidabutar', 'Hutagalung',
  'Iskandar', 'Sudirman', 'Hartono', 'Wahyudi', 'Susilo', 'Subagyo', 'Sutanto', 'Mulyono', 'Riyanto', 'Budiman',
];

/** One to three parts: many Javanese go by a single name; a middle name in about a third. */
export function personName(random: { pick<T>(items: readonly T[]): T; chance(p: number): boolean }, female: boolean): string {
  const first = random.pick(female ? FIRST_NAMES_P : FIRST_NAMES_L);
  if (random.chance(0.12)) return first;
  const middle = random.chance(0.35) ? ` ${random.pick(MIDDLE_NAMES)}` : '';
  return `${first}${middle} ${random.pick(FAMILY_NAMES)}`;
}
