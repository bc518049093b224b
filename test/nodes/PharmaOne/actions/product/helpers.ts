/** What several product test files share. */
import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS } from '../../../../harness/fixtures';
import productList from '../../../../fixtures/product/getAll.json';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

/** n products shaped like the recorded list row, with distinct ids. */
export function productRows(from: number, count: number) {
	return Array.from({ length: count }, (_, k) => ({ ...productList.data[0], p1_id: String(20000 + from + k) }));
}
