/** The password for CLI commands: TUNTAS_PASSWORD, else the first line of standard input. */
export async function readPassword(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.TUNTAS_PASSWORD) return env.TUNTAS_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Kata sandi: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (chunks.some((c) => c.includes(10))) break;
  }
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new Error('Kata sandi kosong: isi TUNTAS_PASSWORD atau kirim lewat stdin.');
  return line;
}
