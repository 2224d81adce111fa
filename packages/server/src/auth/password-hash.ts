import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id`; the package's const enum cannot be imported under verbatimModuleSyntax. */
const ARGON2ID = 2;

/** OWASP's argon2id minimum (m=19 MiB, t=2, p=1): about 20 ms a hash on these machines. */
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/** Verifying against a throw-away hash makes "no such user" take as long as "wrong password". */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('tuntas-no-such-user-placeholder');
  await verifyPassword(await dummyHash, password);
  return false;
}
