/** What several report test files share. */
import { EngineHarness } from '../../../../harness/engine';
import { CUSTOM_CREDENTIALS } from '../../../../harness/fixtures';

export function harness() {
	return new EngineHarness({ pharmaOneApi: CUSTOM_CREDENTIALS });
}

export const noQuery = (query: Record<string, unknown>) => Object.keys(query).length === 0;
