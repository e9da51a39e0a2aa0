// HMAC-SHA256 signatures of generic JSON webhooks, over `${timestamp}.${body}` (timestamp in Unix seconds), sent as
// `x-gapwatch-signature: v1=<hex>` with `x-gapwatch-timestamp`. Binding the timestamp lets receivers refuse replays.
// The receiver's recipe is in README.md; verifySignature is that recipe in code.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "x-gapwatch-signature";
export const TIMESTAMP_HEADER = "x-gapwatch-timestamp";

export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** True when `signature` is a v1 HMAC of `${timestamp}.${body}` and the timestamp is within `toleranceS` of now. */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | undefined; signature: string | undefined },
  rawBody: string,
  nowS: number,
  toleranceS = 300,
): boolean {
  const timestamp = Number(headers.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowS - timestamp) > toleranceS || !headers.signature) return false;
  const expected = Buffer.from(signBody(secret, timestamp, rawBody));
  return headers.signature.split(",").some((candidate) => {
    const given = Buffer.from(candidate.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
