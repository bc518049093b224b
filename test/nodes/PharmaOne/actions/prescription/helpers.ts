/** What several prescription test files share. */
import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS } from '../../../../harness/fixtures';
import list from '../../../../fixtures/prescription/getAll.json';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

export function rows(from: number, count: number) {
	return Array.from({ length: count }, (_, k) => ({ ...list.data[0], id: `org1-pq-R${from + k}` }));
}
