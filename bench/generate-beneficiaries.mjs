// Writes N valid beneficiary rows in the contract's import format, deterministic from a seed:
// real village codes, NIKs whose area, birth date, sex and serial agree with the other columns.
import { createWriteStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const villagesCsv = path.join(
  path.dirname(require.resolve('idn-area-data/package.json', { paths: [path.resolve('packages/server')] })),
  'data/villages.csv',
);

/** mulberry32: small, fast, good enough for synthetic data. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  'Siti',
  'Muhammad',
  'Ahmad',
  'Dewi',
  'Sri',
  'Budi',
  'Agus',
  'Nur',
  'Putri',
  'Rina',
  'Eko',
  'Wahyu',
  'Made',
  'Wayan',
  'Andi',
  'Fransiska',
  'Yohanes',
  'Maria',
  'Teuku',
  'Cut',
];
const LAST = [
  'Saputra',
  'Lestari',
  'Hidayat',
  'Rahayu',
  'Siregar',
  'Harahap',
  'Nasution',
  'Wijaya',
  'Santoso',
  'Pratama',
  'Kurniawan',
  'Gunawan',
  'Setiawan',
  'Daulay',
  'Lubis',
  'Purba',
  'Ginting',
  'Tarigan',
  'Sembiring',
  'Manurung',
];

export async function generate(count, file, seed = 42) {
  const villages = readFileSync(villagesCsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(',')[0]);
  const random = prng(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const serials = new Map();
  const out = createWriteStream(file);
  out.write('nik,no_kk,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,kategori_ppks,telepon\n');
  for (let i = 0; i < count; i++) {
    const desa = pick(villages);
    const [pp, rr, dd] = desa.split('.');
    const female = random() < 0.5;
    const year = 1940 + Math.floor(random() * 80);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    const key = `${pp}${rr}${dd}${day}${month}${year % 100}${female}`;
    const serial = (serials.get(key) ?? 0) + 1;
    serials.set(key, serial);
    const two = (n) => String(n).padStart(2, '0');
    const nik = `${pp}${rr}${dd}${two(female ? day + 40 : day)}${two(month)}${two(year % 100)}${String(serial).padStart(4, '0')}`;
    const kk = `${pp}${rr}${dd}${String(100000 + i).slice(-6)}${String(1 + (i % 9999)).padStart(4, '0')}`;
    const line = `${nik},${kk},${pick(FIRST)} ${pick(LAST)},${female ? 'P' : 'L'},Kota,${two(day)}/${two(month)}/${year},Jl. Merdeka No. ${i % 300},${desa},${1 + Math.floor(random() * 26)},08${String(1e9 + i).slice(-10)}\n`;
    if (!out.write(line)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  await generate(Number(process.argv[2] ?? 1000), process.argv[3] ?? 'beneficiaries.csv');
}
