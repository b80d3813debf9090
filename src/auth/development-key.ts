// Development mode's own RSA signing key: created once under ./data, private half never leaves the file.
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';

export interface DevelopmentKey {
  readonly privateKey: CryptoKey;
  /** The public half, as a JWK Set entry with its RFC 7638 thumbprint as `kid`. */
  readonly publicJwk: JWK;
}

/** Reads the key file, or creates it when missing; two processes starting together end up with the same key. */
export async function ensureDevelopmentKey(file: string): Promise<DevelopmentKey> {
  try {
    return await readDevelopmentKey(file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
  }
  const { privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const jwk = await exportJWK(privateKey);
  const stored = { ...jwk, alg: 'RS256', kid: await calculateJwkThumbprint(jwk) };
  await mkdir(dirname(file), { recursive: true });
  // Written aside, then linked into place: link fails if the file exists, so no reader ever sees half a key.
  const draft = `${file}.${process.pid}.${Date.now()}`;
  await writeFile(draft, `${JSON.stringify(stored)}\n`, { flag: 'wx', mode: 0o600 });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'EEXIST') throw error;
  } finally {
    await unlink(draft);
  }
  return readDevelopmentKey(file);
}

async function readDevelopmentKey(file: string): Promise<DevelopmentKey> {
  const stored = JSON.parse(await readFile(file, 'utf8')) as JWK;
  if (stored.kty !== 'RSA' || typeof stored.d !== 'string' || typeof stored.kid !== 'string') {
    throw new Error(`${file} is not an RSA private key in JWK form; delete it to create a new development key`);
  }
  const privateKey = await importJWK(stored, 'RS256');
  if (privateKey instanceof Uint8Array) throw new Error(`${file} holds a symmetric key`);
  return { privateKey, publicJwk: { kty: 'RSA', n: stored.n, e: stored.e, kid: stored.kid, alg: 'RS256', use: 'sig' } };
}
