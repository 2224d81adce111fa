import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ASSESSMENT_FORM_VERSION, assessmentForm, assessmentFormVersion, type AssessmentForm } from '../src/assessment-forms.js';
import { PPKS } from '../src/ppks.js';

const sectionOf = (ppks: string) => assessmentForm(ppks).layout[1];
const optionCodes = (form: AssessmentForm, field: string) =>
  form.layout
    .flatMap((s) => s.fields)
    .find((f) => f.name === field)
    ?.options?.map(([code]) => code);

describe('sections by category', () => {
  it('gives every one of the 26 categories a section of its own kind beside the core (10–15 and 23–26 included)', () => {
    for (const p of PPKS) expect(assessmentForm(p.kode).layout.map((s) => s.kode)[0], p.kode).toBe('inti');
    for (const p of PPKS) expect(sectionOf(p.kode), p.kode).toBeDefined();
    expect(Object.fromEntries(['10', '11', '12', '13', '14', '15', '23', '24', '25', '26'].map((p) => [p, sectionOf(p)!.judul]))).toEqual({
      '10': 'Tuna susila',
      '11': 'Gelandangan dan pengemis',
      '12': 'Gelandangan dan pengemis',
      '13': 'Pemulung',
      '14': 'Kelompok minoritas',
      '15': 'Bekas warga binaan pemasyarakatan',
      '23': 'Perempuan rawan sosial ekonomi',
      '24': 'Fakir miskin',
      '25': 'Keluarga bermasalah sosial psikologis',
      '26': 'Komunitas adat terpencil',
    });
  });

  it('asks what a social worker asks: gelandangan origin, outreach and return home; fakir miskin DTSEN decile and assistance; BWBLP Bapas; KBSP domestic violence', () => {
    const required = (ppks: string) => (assessmentForm(ppks).schema as { required: string[] }).required;
    expect(required('11')).toEqual(expect.arrayContaining(['daerahAsal', 'caraDitemukan', 'rencanaPemulangan']));
    expect(assessmentForm('24').schema).toMatchObject({ properties: { desilDtsen: { type: 'number', minimum: 1, maximum: 10 } } });
    expect(required('24')).toEqual(expect.arrayContaining(['terdaftarDtsen', 'bansosDiterima']));
    expect(required('15')).toEqual(expect.arrayContaining(['statusBebas', 'bimbinganBapas']));
    expect(optionCodes(assessmentForm('25'), 'jenisKekerasan')).toEqual(['fisik', 'psikis', 'seksual', 'penelantaran_rumah_tangga']);
    expect(required('26')).toEqual(expect.arrayContaining(['namaKomunitas', 'aksesLokasi', 'kepemilikanDokumen']));
  });

  it('AMPK (07) is not a neglected child; PMBS (20) is not trafficking', () => {
    expect(assessmentForm('07').kode).toBe('asesmen-ampk');
    expect(assessmentForm('07').kode).not.toBe(assessmentForm('02').kode);
    expect(sectionOf('07')!.judul).toBe('Anak yang memerlukan perlindungan khusus');
    expect(assessmentForm('20').kode).toBe('asesmen-pmbs');
    expect(assessmentForm('20').kode).not.toBe(assessmentForm('18').kode);
    expect(optionCodes(assessmentForm('20'), 'masalahKepulangan')).toEqual(expect.arrayContaining(['deportasi', 'tidak_berdokumen']));
    expect(assessmentForm('18').judul).toBe('Asesmen korban perdagangan orang');
  });

  it('ABH speaks of the child in conflict with the law (UU 11/2012 Pasal 1 angka 3), not the "pelaku"', () => {
    const form = assessmentForm('03');
    expect(optionCodes(form, 'peran')).toEqual(['berkonflik_dengan_hukum', 'korban', 'saksi']);
    expect(JSON.stringify(form)).not.toMatch(/pelaku/i);
    expect(JSON.stringify(form)).toMatch(/Anak yang berkonflik dengan hukum/);
  });

  it('uses the official spelling in the current forms (Telantar)', () => {
    for (const p of PPKS) expect(JSON.stringify(assessmentForm(p.kode)), p.kode).not.toMatch(/terlantar|trafficking/i);
  });
});

describe('form versions', () => {
  it('bumps the version for the new sections and keeps every older version readable by its code', () => {
    expect(ASSESSMENT_FORM_VERSION).toBe(2);
    for (const p of PPKS) expect(assessmentForm(p.kode).versi).toBe(2);
    for (const p of PPKS) expect(assessmentFormVersion(assessmentForm(p.kode).kode, 2)).toEqual(assessmentForm(p.kode));
    // Answers given to version 1 are read with version 1's labels, codes that no longer exist included.
    const abhV1 = assessmentFormVersion('asesmen-abh', 1)!;
    expect(optionCodes(abhV1, 'peran')).toEqual(['pelaku', 'korban', 'saksi']);
    expect(assessmentFormVersion('asesmen-trafficking', 1)?.versi).toBe(1);
    expect(assessmentFormVersion('asesmen-umum', 1)?.layout.map((s) => s.kode)).toEqual(['inti']);
    expect(assessmentFormVersion('asesmen-umum', 2)).toBeUndefined();
    expect(assessmentFormVersion('asesmen-fm', 1)).toBeUndefined();
    expect(assessmentFormVersion('asesmen-abh', 3)).toBeUndefined();
  });

  it('never changes a published version: version 1 is frozen (its fields, labels and schema)', () => {
    const codes = ['abh', 'anak', 'bencana', 'disabilitas', 'kekerasan', 'lansia', 'napza', 'odha', 'trafficking', 'umum'].map(
      (c) => `asesmen-${c}`,
    );
    const v1 = codes.map((kode) => assessmentFormVersion(kode, 1));
    expect(createHash('sha256').update(JSON.stringify(v1)).digest('hex')).toBe(
      '3af9be0e0aef710ee1fd7697f660bfc29a4654900289eaf405c813f1b925af9d',
    );
  });
});
