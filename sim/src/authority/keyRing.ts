// The authority's token-signing keys: RS256 key pairs published in a JWKS by `kid`. Keys can be rotated
// like Entra's (a new key signs, older ones stay published until retired), so clients' key rollover can
// be exercised.
import { createHash } from "node:crypto";
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  SignJWT,
  type JWK,
  type JWTPayload,
  type CryptoKey,
} from "jose";

type SigningKey = { kid: string; privateKey: CryptoKey; publicJwk: JWK };

/** How many keys stay published: the signing key and the ones it replaced, most recent first. */
const publishedKeys = 3;

async function createKey(): Promise<SigningKey> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", {
    modulusLength: 2048,
    extractable: true,
  });
  const publicJwk = await exportJWK(publicKey);
  // Entra's kid equals the certificate thumbprint (x5t); here: a hash of the public key.
  const kid = createHash("sha1").update(publicJwk.n!).digest("base64url");
  return { kid, privateKey, publicJwk: { ...publicJwk, kid, x5t: kid, use: "sig", alg: "RS256" } };
}

export class KeyRing {
  private verifyingKeys: ReturnType<typeof createLocalJWKSet> | undefined;
  /** Changes whenever the published keys do: whatever was verified with the old ones is checked again. */
  version = 0;

  private constructor(private keys: SigningKey[]) {}

  static async create(): Promise<KeyRing> {
    return new KeyRing([await createKey()]);
  }

  get signingKid(): string {
    return this.keys[0]!.kid;
  }

  /** The JWKS document (`keys` entries carry the issuer they sign for, as Entra's do). */
  jwks(issuer: string): { keys: JWK[] } {
    return { keys: this.keys.map((k) => ({ ...k.publicJwk, issuer })) };
  }

  publicJwks(): JWK[] {
    return this.keys.map((k) => k.publicJwk);
  }

  /** The published keys as jose verifies with them, built once per set of keys (importing a key is slow). */
  verifier(): ReturnType<typeof createLocalJWKSet> {
    this.verifyingKeys ??= createLocalJWKSet({ keys: this.publicJwks() });
    return this.verifyingKeys;
  }

  private changed(): void {
    this.verifyingKeys = undefined;
    this.version++;
  }

  /** Starts signing with a new key; the previous ones stay published until pushed out. */
  async rotate(): Promise<string> {
    this.keys = [await createKey(), ...this.keys].slice(0, publishedKeys);
    this.changed();
    return this.signingKid;
  }

  /** Stops publishing a key (it can no longer verify); the signing key cannot be retired. */
  retire(kid: string): boolean {
    if (kid === this.signingKid) return false;
    const before = this.keys.length;
    this.keys = this.keys.filter((k) => k.kid !== kid);
    if (this.keys.length === before) return false;
    this.changed();
    return true;
  }

  sign(payload: JWTPayload): Promise<string> {
    const key = this.keys[0]!;
    return new SignJWT(payload)
      .setProtectedHeader({ typ: "JWT", alg: "RS256", kid: key.kid, x5t: key.kid })
      .sign(key.privateKey);
  }
}
