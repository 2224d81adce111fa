import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../db/schema.js';

/** How many known words may stand in for one typed word (the closest first). */
const WORD_VARIANTS = 50;
/** Words beyond these (the longest are kept) add little and cost an index lookup each. */
const MAX_WORDS = 4;
/** A whole name at least this similar to what was typed is a loose match. */
const LOOSE_SIMILARITY = 0.3;

export interface NameMatch {
  /** Every typed word matches a word of the name: the usual case, answered from the index alone. */
  strict: Expression<SqlBool> | null;
  /** Some typed word matches and the whole name is alike: only asked when the strict match finds no one. */
  loose: Expression<SqlBool> | null;
  /** Best first. */
  rank: Expression<number>;
}

/**
 * The known name words that may stand for each typed word (initials aside, the longest
 * `MAX_WORDS`), closest first; a typed word nobody's name resembles has no entry, so `variants`
 * is shorter than `typed`. Fuzzy (trigram similarity) on a table of thousands of words, not on a
 * million people.
 */
export async function wordVariants(db: Kysely<DB>, key: string): Promise<{ typed: number; variants: string[][] }> {
  const words = [...new Set(key.split(' ').filter((w) => w.length > 1))].sort((a, b) => b.length - a.length).slice(0, MAX_WORDS);
  if (words.length === 0) return { typed: 0, variants: [] };
  const { rows } = await sql<{ variants: string[] }>`
    select array_agg(v.kata) as variants
    from unnest(${words}::text[]) with ordinality as w (kata, i)
    cross join lateral (
      select k.kata from nama_kata k where k.kata % w.kata order by similarity(k.kata, w.kata) desc, k.kata limit ${WORD_VARIANTS}
    ) v
    group by w.i`.execute(db);
  return { typed: words.length, variants: rows.map((r) => r.variants) };
}

/**
 * Turns a name search key into conditions on `beneficiaries`: the person must carry a variant of
 * every typed word, in any order, with or without the other words of their name ("umi gnawan"
 * finds "Umi Gunawan" and "Umi Dewi Gunawan").
 */
export async function matchName(db: Kysely<DB>, key: string): Promise<NameMatch> {
  const { typed, variants } = await wordVariants(db, key);
  const rank = sql<number>`similarity(nama_kunci, ${key})`;
  const overlaps = (words: string[]) => sql<SqlBool>`nama_kata && ${words}::text[]`;
  const strict = typed > 0 && variants.length === typed ? sql<SqlBool>`${sql.join(variants.map(overlaps), sql` and `)}` : null;
  const anyWord = variants.flat();
  const loose = anyWord.length > 0 ? sql<SqlBool>`${overlaps(anyWord)} and ${rank} >= ${LOOSE_SIMILARITY}` : null;
  return { strict, loose, rank };
}
