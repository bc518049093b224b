import { CredentialTestContext } from 'n8n-core';
import type { ICredentialDataDecryptedObject, INodeCredentialTestResult, INodeType, IWorkflowExecuteAdditionalData } from 'n8n-workflow';

import { PharmaOne } from '../../nodes/PharmaOne/PharmaOne.node';
import { CREDENTIAL_TYPES } from './engine';
import type { EngineHarness, RunResult } from './engine';

export interface CredentialTestOutcome {
	status: 'OK' | 'Error';
	message: string;
	/** The engine run of a credential's test request (undefined for a node's test function). */
	run?: RunResult;
}

/** The nodes whose `testedBy` functions n8n may use for our credentials. */
const NODES: INodeType[] = [new PharmaOne()];

/** The test function a node names for `credentialType` with `testedBy`, as n8n's tester finds it. */
function testedByFunction(credentialType: string) {
	for (const node of NODES) {
		for (const { name, testedBy } of node.description.credentials ?? []) {
			if (name === credentialType && typeof testedBy === 'string') {
				const fn = node.methods?.credentialTest?.[testedBy];
				if (fn) return fn;
			}
		}
	}
	return undefined;
}

/**
 * Tests a credential the way n8n's CredentialsTester (packages/cli/src/services/
 * credentials-tester.service.ts) does: the credential's own `test` request when it has one, run
 * through the engine and judged by its rules; otherwise the `methods.credentialTest` function a
 * node names with `testedBy`, called in n8n-core's CredentialTestContext.
 *
 * A failed test request is judged like n8n: an error with an HTTP response is matched against the
 * `responseCode` rules, else reported by its status (n8n shows the status text, e.g.
 * "Unauthorized"); an error with a network code is reported as that code; any other error by its
 * message (a translated token-exchange failure, for example).
 */
export async function testCredentialLikeN8n(
	harness: EngineHarness,
	credentialType: string,
	data?: ICredentialDataDecryptedObject,
): Promise<CredentialTestOutcome> {
	const rules = CREDENTIAL_TYPES[credentialType].test?.rules;
	if (CREDENTIAL_TYPES[credentialType].test === undefined) {
		const fn = testedByFunction(credentialType);
		if (!fn) return { status: 'Error', message: 'No testing function found for this credential.' };
		const context = new CredentialTestContext({} as IWorkflowExecuteAdditionalData);
		const stored = data ?? harness.credentials.store.get(credentialType) ?? {};
		const result: INodeCredentialTestResult = await fn.call(context, {
			id: '1',
			name: 'PharmaOne account',
			type: credentialType,
			data: { ...stored },
		});
		return { status: result.status, message: result.message };
	}

	const run = await harness.testCredential(credentialType);
	if (run.error) {
		// n8n's engine keeps a node's error without its `cause` (the HTTP response); the NodeApiError's
		// httpCode is that response's status, and it is empty when the error had no HTTP response.
		const httpCode = run.error.httpCode;
		const status = httpCode && /^\d+$/.test(httpCode) ? Number(httpCode) : undefined;
		const code = httpCode && !/^\d+$/.test(httpCode) ? httpCode : undefined;
		if (status !== undefined) {
			for (const rule of rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message, run };
				}
			}
			if (status < 199 || status > 299) return { status: 'Error', message: `Received HTTP status code: ${status}`, run };
		} else if (code) {
			return { status: 'Error', message: code, run };
		}
		return { status: 'Error', message: run.error.message, run };
	}
	for (const rule of rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const value = rule.properties.key.split('.').reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], run.json[0]);
			if (value === rule.properties.value) return { status: 'Error', message: rule.properties.message, run };
		}
	}
	return { status: 'OK', message: 'Connection successful!', run };
}
