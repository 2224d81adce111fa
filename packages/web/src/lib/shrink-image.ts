/**
 * Phone cameras write 3–8 MB photos; evidence needs far less. Scales to at most 1600 px on the
 * long side and re-encodes as JPEG, so an upload over a weak signal stays around 200–400 KB and
 * under the server's 2 MB limit. Falls back to the original file where canvas is unavailable.
 */
export async function shrinkImage(file: File, maxSide = 1600, quality = 0.8): Promise<Blob> {
  if (typeof createImageBitmap !== 'function') return file;
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return new Promise((resolve) => canvas.toBlob((blob) => resolve(blob ?? file), 'image/jpeg', quality));
}
