/**
 * A spelling-tolerant key for Indonesian names, so "Mohamad Jusuf", "Muhammad Yusup" and
 * "Muhamad Yusuf" meet. It folds the old (Van Ophuijsen/Soewandi) spellings still on many ID
 * cards, Arabic-origin variants and doubled letters; trigram similarity on the key then absorbs
 * ordinary typos. The key is stored beside the name and indexed; it is never shown.
 */
const WORD_RULES: ReadonlyArray<[RegExp, string]> = [
  // Muhammad and its many spellings, including the abbreviations on KTPs.
  [/^(mu?c?h?am+[ae]d|mo?c?h?am+[ae]d|moc?h|muc?h|moch?d|mhd|md)$/, 'muhamad'],
];

const LETTER_RULES: ReadonlyArray<[RegExp, string]> = [
  [/oe/g, 'u'], // Soekarno → Sukarno
  [/dj/g, 'j'], // Djoko → Joko
  [/tj/g, 'c'], // Tjahjo → Cahyo
  [/sj/g, 'sy'],
  [/nj/g, 'ny'],
  [/ch/g, 'h'], // Achmad → Ahmad, Choirul → Hoirul
  [/kh/g, 'h'], // Khoirul → Hoirul
  [/j(?=[aiueo])/g, 'y'], // Jusuf → Yusuf (old j = y); Joko → Yoko on both sides alike
  [/sy/g, 's'],
  [/(ph|f|v)/g, 'p'], // Yusuf → Yusup
  [/dh/g, 'd'],
  [/th/g, 't'],
  [/z/g, 's'],
  [/q/g, 'k'],
  [/x/g, 'ks'],
  [/h(?![aiueo])/g, ''], // silent h: Muhamad → Muamad on both sides; Rahmat → Ramat
  [/([a-z])\1+/g, '$1'], // Hassan → Hasan, Abdullah → Abdulah
];

/**
 * Names repeat their words (Siti, Sri, Muhammad…): an import of a million rows folds a few thousand
 * distinct words, so each word's key is remembered. Bounded, so memory stays flat on any input.
 */
const wordKeys = new Map<string, string>();
const WORD_KEYS_MAX = 50_000;

function wordKey(word: string): string {
  const known = wordKeys.get(word);
  if (known !== undefined) return known;
  let w = word;
  for (const [re, to] of WORD_RULES) w = w.replace(re, to);
  for (const [re, to] of LETTER_RULES) w = w.replace(re, to);
  if (wordKeys.size >= WORD_KEYS_MAX) wordKeys.clear();
  wordKeys.set(word, w);
  return w;
}

export function nameSearchKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z\s]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .map(wordKey)
    .join(' ');
}
