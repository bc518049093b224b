import nock from 'nock';

import { BASE_URL, DUMMY_API_KEY, V2, dummyJwt } from './fixtures';

/**
 * Nock scope for the Manager host that counts token exchanges and hands out a new dummy JWT
 * on each one. Data routes are added by each test on `scope`.
 */
export function pharmaOneMock() {
	const state = { tokenExchanges: 0 };
	const scope = nock(BASE_URL);
	const token = () =>
		nock(BASE_URL)
			.post(`${V2}/auth/token`)
			.matchHeader('apikey', DUMMY_API_KEY)
			.times(1000)
			.reply(() => {
				state.tokenExchanges++;
				return [200, { access_token: dummyJwt(state.tokenExchanges), token_type: 'Bearer', expires_in: 3600 }];
			});
	token();
	return {
		scope,
		state,
		/** The bearer header the n-th issued token produces. */
		bearer: (n: number) => `Bearer ${dummyJwt(n)}`,
	};
}

/** Captures the JSON body of the matched request for later assertions. */
export function captureBody(into: unknown[]) {
	return (body: unknown) => {
		into.push(body);
		return true;
	};
}
