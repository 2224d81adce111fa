/**
 * The NIKs seen so far in one import, for NIK_DUPLICATE_IN_FILE. A file's NIKs are 16 digits, so
 * each is kept as two 32-bit numbers (its two halves of 8 digits) in an open-addressing table:
 * 16 bytes per NIK instead of about 100 for a string in a Set, which is what keeps an import of
 * millions of rows within its memory budget. Anything else written in the NIK column (a mangled
 * `3.5781E+15`, 15 digits) is rare and kept as text.
 */
export class NikSet {
  /** Pairs (high half + 1, low half); a high of 0 marks a free slot. */
  private slots = new Uint32Array(2 * 1024);
  private size = 0;
  private readonly others = new Set<string>();

  /** Adds the NIK; false if it was already there. */
  add(nik: string): boolean {
    if (nik.length !== 16 || !/^[0-9]{16}$/.test(nik)) {
      if (this.others.has(nik)) return false;
      // A copy: the parsed field is a view into a whole chunk of the file, which it would keep.
      this.others.add(` ${nik}`.slice(1));
      return true;
    }
    const high = Number(nik.slice(0, 8)) + 1;
    const low = Number(nik.slice(8));
    if (!this.insert(high, low)) return false;
    this.size += 1;
    if (this.size * 2 > this.slots.length / 2) this.grow();
    return true;
  }

  private insert(high: number, low: number): boolean {
    const mask = this.slots.length / 2 - 1;
    const h = Math.imul(high, 0x9e3779b1) ^ Math.imul(low, 0x85ebca77);
    let i = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const at = 2 * i;
      if (this.slots[at] === 0) {
        this.slots[at] = high;
        this.slots[at + 1] = low;
        return true;
      }
      if (this.slots[at] === high && this.slots[at + 1] === low) return false;
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.insert(old[at]!, old[at + 1]!);
  }
}
