const rupiah = new Intl.NumberFormat('id-ID', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 });

/** An amount of aid as the ministry writes it: "Rp 350.000", whole rupiah. */
export function formatRupiah(n: number): string {
  return rupiah.format(n);
}
