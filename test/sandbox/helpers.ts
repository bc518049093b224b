/** The running sandbox the sandbox test files share: one per file, started by useSandbox(). */
import * as crypto from 'node:crypto';

import { startWebhookReceiver } from '../../sandbox/receiver';
import type { WebhookReceiver } from '../../sandbox/receiver';
import { createSandbox } from '../../sandbox/server';
import type { Sandbox } from '../../sandbox/server';

/** A parsed JSON answer, read freely by the assertions (what JSON.parse returns). */
export type JsonBody = ReturnType<typeof JSON.parse>;

interface CallResult {
	status: number;
	body: JsonBody;
	headers: Headers;
}

export const API_KEY = 'dummy-sandbox-api-key';
export const JWT_KEY = 'dummy-sandbox-jwt-key';
export const SIGNING_SECRET = 'dummy-sandbox-signing-secret';
export const ORDER_COUNT = 450;

export async function call(url: string, init: RequestInit = {}): Promise<CallResult> {
	const response = await fetch(url, init);
	const text = await response.text();
	let body: JsonBody = text;
	try {
		body = JSON.parse(text);
	} catch {
		// keep the text
	}
	return { status: response.status, body, headers: response.headers };
}

export function jsonInit(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
	return { method, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function hmacHex(secret: string, data: string | Buffer): string {
	return crypto.createHmac('sha256', secret).update(data).digest('hex');
}

/** Verifies X-PharmaOne-Signature over the exact raw body, in constant time. */
export function signatureIsValid(raw: string, header: unknown): boolean {
	const expected = Buffer.from(`sha256=${hmacHex(SIGNING_SECRET, Buffer.from(raw, 'utf8'))}`);
	const given = Buffer.from(String(header ?? ''));
	return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/* Set by useSandbox() before the first test of the file runs (ES module live bindings). */
export let sandbox: Sandbox;
export let baseUrl: string;
export let shopUrl: string;
export let v2: string;
export let auth: Record<string, string>;
export let receiver: WebhookReceiver;

/** Replaces the Authorization header the tests send (after a test revoked the token it had). */
export function setAuth(headers: Record<string, string>): void {
	auth = headers;
}

export async function newToken(): Promise<string> {
	const res = await call(`${v2}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
	expect(res.status).toBe(200);
	return res.body.access_token as string;
}

/** Starts a sandbox and a signature-checking webhook receiver for the file's tests; stops them after. */
export function useSandbox(): void {
	beforeAll(async () => {
		receiver = await startWebhookReceiver({
			respond: (d) => (signatureIsValid(d.raw, d.headers['x-pharmaone-signature']) ? { status: 200 } : { status: 401 }),
		});
		sandbox = createSandbox({ orderCount: ORDER_COUNT, seed: 7, webhookRetryDelaysMs: [20, 40] });
		const started = await sandbox.start();
		baseUrl = started.baseUrl;
		shopUrl = started.shopUrl;
		v2 = `${baseUrl}/api/v2/public/orgs/org1`;
		sandbox.addSubscription({ url: receiver.url });
		auth = { Authorization: `Bearer ${await newToken()}` };
	});

	afterAll(async () => {
		await sandbox.stop();
		await receiver.close();
	});

	afterEach(() => {
		sandbox.clearFaults();
	});
}
