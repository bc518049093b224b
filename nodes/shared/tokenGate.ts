import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { TOKEN_PROPERTY, TOKEN_SOURCE_PROPERTY } from './connection';
import { readHttpFailure } from './httpFailure';

/** What n8n returns for a request sent with `returnFullResponse` and `ignoreHttpStatusErrors`. */
export interface FullResponse {
	statusCode: number;
	headers?: Record<string, unknown>;
	body?: unknown;
}

/**
 * Sends one Bearer request through n8n. `refreshOn401` false: every status comes back as an
 * answer (n8n's own refresh never runs). `refreshOn401` true: n8n's documented credential contract
 * applies, so it exchanges the key (the credential's preAuthentication) when the stored token is
 * empty or was answered with 401, stores the new token with the credential and sends again.
 */
export type BearerSend = (refreshOn401: boolean) => Promise<FullResponse>;

/**
 * How often a request's own refresh may be answered 401 (n8n exchanged the key and the new token
 * was refused at once): then the request is refused for another reason, and its 401 is returned.
 * A 401 to a token that another request has since replaced only means the token expired again
 * meanwhile (short-lived tokens, slow answers), so it does not count; MAX_ROUNDS bounds the rest.
 */
const MAX_OWN_REFRESHES = 2;
const MAX_ROUNDS = 10;

/**
 * What the gate throws when the request that made n8n exchange the key failed: `exchange` tells
 * whether the exchange itself failed (the key refused, PharmaOne unreachable) or the request
 * sent after it.
 */
export class GateFailure {
	constructor(
		readonly error: unknown,
		readonly exchange: boolean,
	) {}
}

/**
 * The token side of one run (one client, one credential). The credential object is n8n's: this
 * class only reads it. n8n writes the new token into it after an exchange, which is how the
 * requests that waited see it.
 *
 * - Requests go out with the stored token, with every status returned as an answer, so n8n never
 *   refreshes on its own and a request meets a 401 as a plain answer, on every n8n version.
 * - The first request that meets a 401 to the current token (or finds no usable token) is sent
 *   again with n8n's refresh on: that one request makes n8n exchange the key. Every other request
 *   waits for it, then is sent again with the new token: one exchange per expiry or revocation,
 *   however many requests are in flight.
 * - An exchange that failed (the key refused, PharmaOne unreachable) fails every later request of
 *   the run with the same error, without another exchange.
 */
export class TokenGate {
	private refreshing: Promise<void> | undefined;

	private failed: GateFailure | undefined;

	constructor(
		private readonly credentials: ICredentialDataDecryptedObject,
		/** The token source of the credential's current settings (connection.ts `tokenSource`). */
		private readonly source: string,
	) {}

	/** The stored token if it was issued for the credential's current settings, else ''. */
	private usableToken(): string {
		const token = String(this.credentials[TOKEN_PROPERTY] ?? '');
		return this.credentials[TOKEN_SOURCE_PROPERTY] === this.source ? token : '';
	}

	private storedToken(): string {
		return String(this.credentials[TOKEN_PROPERTY] ?? '');
	}

	async send(send: BearerSend): Promise<FullResponse> {
		let refresh = false;
		let refusedRefreshes = 0;
		for (let round = 1; ; round++) {
			while (this.refreshing) await this.refreshing;
			if (this.failed) throw this.failed;
			const token = this.usableToken();
			const viaRefresh: boolean = refresh || token === '';
			const answer = viaRefresh ? await this.refresh(send) : await send(false);
			if (answer.statusCode !== 401) return answer;
			if (viaRefresh) refusedRefreshes++;
			if (refusedRefreshes >= MAX_OWN_REFRESHES || round >= MAX_ROUNDS) return answer;
			// A 401 after this request's own refresh: the new token was refused too, refresh again. Otherwise
			// refresh unless another request has replaced the token or is replacing it (then send again).
			refresh = viaRefresh || (!this.refreshing && this.usableToken() === token);
		}
	}

	/**
	 * Sends the request with n8n's refresh on, while every other request of the run waits. A 401 that
	 * n8n meets again with the new token is returned as an answer, so the caller can go another round.
	 */
	private async refresh(send: BearerSend): Promise<FullResponse> {
		const before = this.storedToken();
		let done: () => void = () => undefined;
		this.refreshing = new Promise<void>((resolve) => (done = resolve));
		try {
			// An empty stored token is exchanged by n8n before sending, whatever the answer; a stored one
			// (refused, or issued for other settings) only after the 401 it meets.
			return await send(before !== '');
		} catch (error) {
			const exchange = this.storedToken() === before && isExchangeFailure(error);
			const failure = readHttpFailure(error);
			if (!exchange && failure.status === 401) return { statusCode: 401, body: failure.body };
			const thrown = new GateFailure(error, exchange);
			if (exchange) this.failed = thrown;
			throw thrown;
		} finally {
			this.refreshing = undefined;
			done();
		}
	}
}

/**
 * Whether an error n8n threw while the stored token stayed the same comes from the exchange:
 * n8n 2.34 and later keep the credential's TokenExchangeError as the cause; older n8n keeps only
 * its message and description, with neither an HTTP status nor a network code (which a failed
 * data request always has).
 */
function isExchangeFailure(error: unknown): boolean {
	const failure = readHttpFailure(error);
	if (failure.fromExchange) return true;
	return failure.status === undefined && failure.code === undefined;
}
