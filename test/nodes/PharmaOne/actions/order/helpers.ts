/** What several order test files share. */
import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS } from '../../../../harness/fixtures';
import order from '../../../../fixtures/order/get.json';

export const ORDER_ID = order.id;

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}
