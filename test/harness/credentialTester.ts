import type { INodeType } from 'n8n-workflow';

import { CREDENTIAL_TYPES } from './engine';
import type { EngineHarness, RunResult } from './engine';

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
	run: RunResult;
}

/** The declarative node n8n's credential tester builds from a credential's `test.request`. */
function testNodeType(credentialType: string, typeName: string): INodeType {
	const test = CREDENTIAL_TYPES[credentialType].test;
	if (!test) throw new Error(`${credentialType} has no test request`);
	return {
		description: {
			displayName: 'Temp',
			name: typeName,
			group: ['transform'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType, required: true }],
			requestDefaults: {},
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' },
			],
		},
	} as INodeType;
}

/**
 * Tests any credential of CREDENTIAL_TYPES through the engine and then judges the outcome with
 * the rules of n8n's CredentialsTester (packages/cli/src/services/credentials-tester.service.ts):
 * a thrown HTTP error is matched against `responseCode` rules, any other non-2xx is "Received
 * HTTP status code: N", and a 2xx body is matched against `responseSuccessBody` rules.
 */
export async function testCredentialLikeN8n(harness: EngineHarness, credentialType: string): Promise<CredentialTestOutcome> {
	const typeName = `n8n-nodes-base.credentialTest-${credentialType}`;
	// EngineHarness keeps its node types private; registering one more type here avoids
	// changing the shared harness.
	const registry = (harness as unknown as { nodeTypes: { types: Record<string, INodeType> } }).nodeTypes.types;
	registry[typeName] ??= testNodeType(credentialType, typeName);
	const run = await harness.run({ nodeType: typeName, credentialType, parameters: { temp: '' } });
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
