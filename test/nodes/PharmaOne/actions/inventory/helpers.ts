/** What several inventory test files share. */
import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS } from '../../../../harness/fixtures';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });

export function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}
