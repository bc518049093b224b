import { CREDENTIAL_TYPES } from './engine';
import type { EngineHarness, RunResult } from './engine';

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
	run: RunResult;
}

/**
 * Tests any credential of CREDENTIAL_TYPES through the engine and then judges the outcome with
 * the rules of n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts):
 * a thrown HTTP error is matched against `responseCode` rules, any other non-2xx is "Received
 * HTTP status code: N", and a 2xx body is matched against `responseSuccessBody` rules.
 */
export async function testCredentialLikeN8n(harness: EngineHarness, credentialType: string): Promise<CredentialTestOutcome> {
	const run = await harness.testCredential(credentialType);
	const rules = CREDENTIAL_TYPES[credentialType].test?.rules ?? [];

	if (run.error) {
		const error = run.error as RunResult['error'] & { cause?: { response?: { status?: number; statusText?: string } } };
		const status = error?.cause?.response?.status ?? (error?.httpCode ? Number(error.httpCode) : undefined);
		if (status !== undefined) {
			for (const rule of rules) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message, run };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: `Received HTTP status code: ${status}`, run };
			}
		}
		return { status: 'Error', message: run.error.message, run };
	}
	for (const rule of rules) {
		if (rule.type === 'responseSuccessBody') {
			const value = rule.properties.key.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], run.json[0]);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message, run };
		}
	}
	return { status: 'OK', message: 'Connection successful!', run };
}
