import { createHmac } from 'node:crypto';

import {
	isValidSignature,
	signatureFor,
	signingSecretProblem,
} from '../../../nodes/PharmaOneTrigger/helpers/signature';

const SECRET = 'dummy-signing-secret-for-tests';
const BODY =
	'{"id":"11111111-2222-3333-4444-555555555555","org_id":"org1","event_type":"order_status_updated","metadata":{"order_id":"ORD_1","old_status":"awaiting_packing","new_status":"ready_pickup"},"title":"Bestellung aktualisiert – Größe"}';

/** The algorithm as the docs state it, written independently of the code under test. */
function documented(body: string | Buffer, secret: string): string {
	return `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(body).digest('hex')}`;
}

const GOOD = documented(BODY, SECRET);
const HEX = GOOD.slice('sha256='.length);

describe('isValidSignature', () => {
	test('signatureFor matches the documented algorithm', () => {
		expect(signatureFor(BODY, SECRET)).toBe(GOOD);
		expect(GOOD).toMatch(/^sha256=[0-9a-f]{64}$/);
	});

	test.each([
		['valid signature, Buffer body', Buffer.from(BODY, 'utf8'), GOOD, SECRET, true],
		['valid signature, string body', BODY, GOOD, SECRET, true],
		['wrong secret', Buffer.from(BODY), documented(BODY, 'dummy-other-secret'), SECRET, false],
		['tampered body', Buffer.from(BODY.replace('ready_pickup', 'picked_up')), GOOD, SECRET, false],
		['body with an extra trailing newline', Buffer.from(`${BODY}\n`), GOOD, SECRET, false],
		['re-serialised JSON instead of the raw bytes', JSON.stringify(JSON.parse(BODY), null, 1), GOOD, SECRET, false],
		['missing header', Buffer.from(BODY), undefined, SECRET, false],
		['null header', Buffer.from(BODY), null, SECRET, false],
		['empty header', Buffer.from(BODY), '', SECRET, false],
		['prefix only', Buffer.from(BODY), 'sha256=', SECRET, false],
		['malformed: not hex', Buffer.from(BODY), `sha256=${'z'.repeat(64)}`, SECRET, false],
		['malformed: base64 digest', Buffer.from(BODY), `sha256=${Buffer.from(HEX, 'hex').toString('base64')}`, SECRET, false],
		['malformed: surrounding spaces', Buffer.from(BODY), ` ${GOOD} `, SECRET, false],
		['uppercase hex (rejected: PharmaOne sends lowercase hexdigest)', Buffer.from(BODY), `sha256=${HEX.toUpperCase()}`, SECRET, false],
		['uppercase prefix', Buffer.from(BODY), `SHA256=${HEX}`, SECRET, false],
		['wrong prefix', Buffer.from(BODY), `sha1=${HEX}`, SECRET, false],
		['no prefix', Buffer.from(BODY), HEX, SECRET, false],
		['truncated header', Buffer.from(BODY), GOOD.slice(0, -1), SECRET, false],
		['truncated to half', Buffer.from(BODY), GOOD.slice(0, 39), SECRET, false],
		['too long header', Buffer.from(BODY), `${GOOD}0`, SECRET, false],
		['repeated header (array)', Buffer.from(BODY), [GOOD, GOOD], SECRET, false],
		['empty secret', Buffer.from(BODY), documented(BODY, ''), '', false],
		['blank secret', Buffer.from(BODY), documented(BODY, '   '), '   ', false],
		['undefined secret', Buffer.from(BODY), GOOD, undefined, false],
		['no raw body', undefined, GOOD, SECRET, false],
		['null raw body', null, GOOD, SECRET, false],
	] as const)('%s', (_case, rawBody, header, secret, expected) => {
		expect(
			isValidSignature({
				rawBody: rawBody as Buffer | string | undefined | null,
				header: header as string | string[] | undefined | null,
				secret,
			}),
		).toBe(expected);
	});

	test('an empty body is verified like any other body', () => {
		expect(isValidSignature({ rawBody: Buffer.alloc(0), header: documented('', SECRET), secret: SECRET })).toBe(true);
		expect(isValidSignature({ rawBody: '', header: documented('', SECRET), secret: SECRET })).toBe(true);
	});

	test('a Buffer and the same text as a string give the same answer, including non-ASCII', () => {
		const header = documented(Buffer.from(BODY, 'utf8'), SECRET);
		expect(isValidSignature({ rawBody: BODY, header, secret: SECRET })).toBe(true);
		expect(isValidSignature({ rawBody: Buffer.from(BODY, 'utf8'), header, secret: SECRET })).toBe(true);
		expect(isValidSignature({ rawBody: Buffer.from(BODY, 'latin1'), header, secret: SECRET })).toBe(false);
	});

	test('the secret is used as UTF-8 bytes', () => {
		const secret = 'dummy-sécret-ünïcode';
		const header = `sha256=${createHmac('sha256', Buffer.from(secret, 'utf8')).update(BODY).digest('hex')}`;
		expect(isValidSignature({ rawBody: BODY, header, secret })).toBe(true);
	});

	test('never throws on odd input', () => {
		const odd = [{}, 42, [], Symbol('x')] as unknown[];
		for (const value of odd) {
			expect(() =>
				isValidSignature({ rawBody: value as Buffer, header: value as string, secret: value as string }),
			).not.toThrow();
			expect(isValidSignature({ rawBody: value as Buffer, header: GOOD, secret: SECRET })).toBe(false);
		}
	});
});

describe('signingSecretProblem (the credential check)', () => {
	test.each([
		['empty', '', true],
		['missing', undefined, true],
		['blank', '   ', true],
		['trailing newline', `${SECRET}\n`, true],
		['leading space', ` ${SECRET}`, true],
		['plausible secret', SECRET, false],
	])('%s', (_case, secret, problem) => {
		expect(signingSecretProblem(secret) !== undefined).toBe(problem);
	});

	test('its messages never contain the secret', () => {
		expect(signingSecretProblem(` ${SECRET}`)).not.toContain(SECRET);
	});
});
