import { hash, type Options, verify } from "@node-rs/argon2";

// OWASP's argon2id baseline (19 MiB, 2 passes).
// `2` is Algorithm.Argon2id, an ambient const enum that isolated modules cannot import.
const OPTIONS = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as unknown as Options;

export const hashPassword = (password: string): Promise<string> => hash(password, OPTIONS);

// Verifying against this for unknown e-mails keeps sign-in timing the same for every address.
let dummyHash: Promise<string> | null = null;

export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (stored === null) {
    dummyHash ??= hashPassword("relais-dummy-password");
    await verify(await dummyHash, password);
    return false;
  }
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

export function passwordProblem(password: string): string | null {
  if (password.length < 10) return "Le mot de passe doit faire au moins 10 caractères.";
  if (password.length > 200) return "Le mot de passe doit faire au plus 200 caractères.";
  return null;
}
