import type { Locator } from 'playwright-core';

/** On an event's card (Pelatihan, organiser): the invitation panel's preview of the pendamping of `provinsi` lacking `kompetensi`. */
export async function previewGapInvitation(card: Locator, provinsi: string[], kompetensi: string): Promise<void> {
  await card.getByText('Undang peserta').click();
  await card.getByLabel('Provinsi (boleh lebih dari satu)').selectOption(provinsi);
  await card.getByLabel('Yang belum memiliki kompetensi').selectOption(kompetensi);
  await card.getByRole('button', { name: 'Pratinjau' }).click();
  await card
    .getByRole('status')
    .getByText(/orang akan diundang/)
    .waitFor();
}

/** Sends the previewed invitation and waits for its confirmation. */
export async function sendInvitation(card: Locator): Promise<void> {
  await card.getByRole('button', { name: /^Undang \d+ orang$/ }).click();
  await card
    .getByRole('status')
    .getByText(/orang diundang\./)
    .waitFor();
}
