import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src/', import.meta.url));
const doc = readFileSync(fileURLToPath(new URL('../../../docs/DOMAIN.md', import.meta.url)), 'utf8');
const CITATION = /\b(UU|PP|Perpres|Permensos|PermenPANRB|Perka BKN|Inpres|SNI) \d/;

describe('docs/DOMAIN.md', () => {
  it('lists each domain rule with its source: every domain file citing a regulation is named there', () => {
    const citing = readdirSync(src).filter((f) => f.endsWith('.ts') && CITATION.test(readFileSync(`${src}${f}`, 'utf8')));
    expect(citing.length).toBeGreaterThan(8);
    expect(citing.filter((f) => !doc.includes(`\`${f}\``))).toEqual([]);
  });

  it('names the regulation beside the rules this issue corrected', () => {
    for (const source of [
      'PP 49/2018',
      'Perka BKN 43/2007',
      'UU 21/2007',
      'UU 11/2012',
      'Permensos 7/2021',
      'PermenPANRB 6/2022',
      'UU 35/2014 Pasal 1 angka 1',
      'UU 13/1998',
      'UU 35/2014 Pasal 59',
    ]) {
      expect(doc, source).toContain(source);
    }
  });
});
