import { createHmac, timingSafeEqual } from 'crypto';

/** The header PharmaOne signs every delivery with (Node.js lower-cases header names). */
export const SIGNATURE_HEADER = 'x-pharmaone-signature';

const PREFIX = 'sha256=';

/**
 * `sha256=` followed by exactly 64 lowercase hex characters. PharmaOne's documented example
 * compares against Python's `hexdigest()`, which is always lowercase, so an uppercase digest
 * is not something PharmaOne sends: it is rejected rather than normalised.
 */
const HEADER_PATTERN = /^sha256=[0-9a-f]{64}$/;

export interface SignatureInput {
	/** The request body exactly as received: n8n's `rawBody` Buffer (a string is read as UTF-8). */
	rawBody: Buffer | string | undefined | null;
	/** The `X-PharmaOne-Signature` header value. */
	header: string | string[] | undefined | null;
	/** The subscription's signing secret, used as UTF-8 bytes. */
	secret: string | undefined | null;
}

/**
 * Checks a PharmaOne webhook signature: HMAC-SHA256 over the raw body bytes, keyed with the
 * signing secret, hex encoded, prefixed with `sha256=`, compared in constant time.
 *
 * Fails closed: no (or a blank) secret, no body, a missing, repeated or malformed header all return false.
 * Pure: knows nothing of n8n, never throws, never logs.
 */
export function isValidSignature({ rawBody, header, secret }: SignatureInput): boolean {
	if (typeof secret !== 'string' || secret.trim().length === 0) return false;
	if (rawBody === undefined || rawBody === null) return false;
	if (typeof rawBody !== 'string' && !Buffer.isBuffer(rawBody)) return false;
	if (typeof header !== 'string' || !HEADER_PATTERN.test(header)) return false;

	const expected = createHmac('sha256', Buffer.from(secret, 'utf8'))
		.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody)
		.digest();
	const received = Buffer.from(header.slice(PREFIX.length), 'hex');
	return received.length === expected.length && timingSafeEqual(received, expected);
}

/** Computes the header value PharmaOne would send for a body (used by tests and examples). */
export function signatureFor(rawBody: Buffer | string, secret: string): string {
	const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
	return `${PREFIX}${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex')}`;
}

/**
 * What can be checked about a signing secret without PharmaOne (there is no API for it):
 * that it is there and has no surrounding whitespace, the usual copy-paste mistake. Returns a
 * message describing the problem, or undefined when nothing is wrong that can be seen locally.
 */
export function signingSecretProblem(secret: unknown): string | undefined {
	if (typeof secret !== 'string' || secret.length === 0) {
		return 'The Signing Secret is empty. Copy it from Manager → Org Settings → Integrations → Webhook subscriptions when you create the subscription (it is shown only once).';
	}
	if (secret.trim().length === 0) {
		return 'The Signing Secret contains only spaces. Paste the secret shown when the webhook subscription was created.';
	}
	if (secret !== secret.trim()) {
		return 'The Signing Secret starts or ends with a space or line break, which is almost always a copy-paste mistake, and would make every signature check fail. Remove it.';
	}
	return undefined;
}
