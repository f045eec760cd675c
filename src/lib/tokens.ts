/**
 * Access tokens: short-lived JWTs signed with HS256 by jose. Verification pins the algorithm, issuer,
 * audience and `typ`, so `alg: none`, tokens for another service and refresh-looking tokens fail.
 */
import { SignJWT, jwtVerify, errors } from "jose";
import { purposeKey } from "./keys";
import { Problem, unauthorized } from "./problem";

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Refresh tokens (issued by features/auth) live 30 days; the session cookies (lib/session.ts) as long. */
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;
const TOKEN_TYPE = "at+jwt";
const MIN_SECRET_BYTES = 32;

/** The access-token key (keys.ts), derived once per isolate. Refuses to run without a strong secret. */
function signingKey(env: Env): Promise<CryptoKey> {
  const secret = env.JWT_SECRET;
  if (!secret || new TextEncoder().encode(secret).byteLength < MIN_SECRET_BYTES) {
    throw new Problem(503, "Sign-in is unavailable: the server has no JWT_SECRET of at least 32 bytes.");
  }
  return purposeKey(env, "accessToken");
}

export async function issueAccessToken(env: Env, userId: string, role: string): Promise<string> {
  // Milliseconds, not whole seconds (a NumericDate may be fractional, RFC 7519 §2): a token issued just
  // after a revocation in the same second must pass, one issued just before it must not.
  const issuedAt = Date.now() / 1000;
  return new SignJWT({ role })
    .setProtectedHeader({ alg: "HS256", typ: TOKEN_TYPE })
    .setSubject(userId)
    .setIssuer(env.JWT_ISSUER)
    .setAudience(env.JWT_AUDIENCE)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ACCESS_TOKEN_TTL_SECONDS)
    .sign(await signingKey(env));
}

/**
 * The user id and issue time (epoch ms) of a valid token; any failure is a 401 that does not say which
 * check failed. Whether the user revoked it since is the caller's check (lib/revocation.ts).
 */
export async function verifyAccessToken(
  env: Env,
  token: string,
): Promise<{ userId: string; issuedAt: number }> {
  const key = await signingKey(env);
  try {
    const { payload } = await jwtVerify(token, key, {
      algorithms: ["HS256"],
      issuer: env.JWT_ISSUER,
      audience: env.JWT_AUDIENCE,
      typ: TOKEN_TYPE,
      requiredClaims: ["sub", "exp", "iat"],
    });
    return { userId: payload.sub!, issuedAt: Math.round(payload.iat! * 1000) };
  } catch (e) {
    if (e instanceof errors.JOSEError) throw unauthorized("The access token is invalid or expired.");
    throw e;
  }
}
