/** What several telemedicineOrder test files share. */
import nock from 'nock';

import { EngineHarness } from '../../../../harness/engine';
import { BASE_URL, CUSTOM_CREDENTIALS } from '../../../../harness/fixtures';

export const SHOP_URL = 'https://shop1.pharmaone.test';

export const SHOP_KEY = 'dummy-shop-connector-key';

export const PATH = '/api/v1/external-order';

/** The shop credential as a user might type it: spaces and a trailing slash around the URL. */
export const SHOP_CREDENTIALS = { shopUrl: ` ${SHOP_URL}/ `, apiKey: SHOP_KEY };

export function harness() {
	return new EngineHarness({ pharmaOneShopApi: SHOP_CREDENTIALS, pharmaOneApi: CUSTOM_CREDENTIALS });
}

/** Counts every request to the Manager host: the connector must never go there. */
export function managerTrap() {
	const hits: string[] = [];
	const record = (uri: string) => {
		hits.push(uri);
		return [500, {}] as [number, object];
	};
	nock(BASE_URL).persist().get(/.*/).reply(record).post(/.*/).reply(record);
	return hits;
}

/** Counts requests to the shop that no test expects. */
export function shopTrap() {
	const hits: unknown[] = [];
	nock(SHOP_URL).persist().post(/.*/).reply((uri, body) => {
		hits.push(body);
		return [500, {}];
	});
	return hits;
}
