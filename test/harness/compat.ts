import { PollContext } from 'n8n-core';
import type { INode, IRunExecutionData, JsonObject } from 'n8n-workflow';
import * as workflow from 'n8n-workflow';

import { coreSourceIncludes } from './coreSource';

/**
 * What differs between the n8n-workflow / n8n-core pairs the engine tests run against: the
 * devDependencies (n8n 2.x) and test/compat (the oldest supported n8n, jest.compat.config.js).
 * Everything here is decided at run time from what the loaded packages offer, never from
 * version numbers, so the harness runs unchanged on both.
 */

type RunExecutionDataOptions = Parameters<typeof workflow.createRunExecutionData>[0];

/**
 * n8n-workflow's `createRunExecutionData` where it exists (2.x and the last 1.x releases),
 * otherwise the object older n8n-core versions expect, built by hand.
 */
export function createRunExecutionData(options: RunExecutionDataOptions = {}): IRunExecutionData {
	const factory = (workflow as Partial<typeof workflow>).createRunExecutionData;
	if (typeof factory === 'function') return factory(options);
	const executionData = options.executionData;
	return {
		startData: options.startData ?? {},
		resultData: { runData: {}, ...(options.resultData ?? {}) },
		executionData: {
			contextData: {},
			metadata: {},
			waitingExecution: {},
			waitingExecutionSource: {},
			...(executionData ?? {}),
			nodeExecutionStack: executionData?.nodeExecutionStack ?? [],
		},
	} as IRunExecutionData;
}

const PROBE_NODE: INode = {
	id: 'compat-probe',
	name: 'Compat probe',
	type: 'n8n-nodes-base.noOp',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * Whether `NodeApiError` keeps the request error it wraps as `cause` (n8n 2.x). n8n-workflow 1.x
 * drops it (a class field resets `cause`), so a node only sees `httpCode`, `context.data` and the
 * messages there: no response headers such as Retry-After, and a network error's code only as
 * the string `httpCode` (e.g. "ECONNREFUSED").
 */
export const nodeApiErrorKeepsCause =
	new workflow.NodeApiError(PROBE_NODE, Object.assign(new Error('probe'), { code: 'ECONNREFUSED' }) as unknown as JsonObject)
		.cause !== undefined;

/** Whether n8n-core's PollContext tells a poll its time budget (`getPollBudgetMs`, n8n 2.x). */
export const pollBudgetSupported = /getPollBudgetMs/.test(PollContext.toString());

/**
 * Whether n8n-core lets a request turn off its own token refresh after a 401
 * (`preAuthenticationRetryStatusCode`, n8n 2.x), so the client's single shared refresh is the only
 * one. On older hosts each request in flight that meets a 401 also refreshes on its own.
 */
export const hostRefreshConfigurable = coreSourceIncludes(
	'execution-engine/node-execution-context/utils/request-helpers/authentication.js',
	'preAuthenticationRetryStatusCode',
);

/** `it` on the n8n versions that have a capability, `it.skip` elsewhere (the skip is reported). */
export function itWhen(supported: boolean): jest.It {
	return supported ? it : it.skip;
}
