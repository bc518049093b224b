import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { PharmaOneClient } from '../../shared/client';
import { leaveOutCustomerData } from '../helpers/customerData';
import { parallelRequests } from '../helpers/parallel';
import { isToolNode } from '../helpers/toolMode';
import { RESOURCES } from './resources';
import { runScheduled } from './scheduler';
import type { OperationModule, ResourceOperations } from './types';

/** Whether a value of the Resource parameter names a resource of RESOURCES. */
function isResource(value: string): value is keyof typeof RESOURCES {
	return Object.prototype.hasOwnProperty.call(RESOURCES, value);
}

function findOperation(ctx: IExecuteFunctions): OperationModule {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const operations: ResourceOperations | undefined = isResource(resource) ? RESOURCES[resource].operations : undefined;
	const found = operations !== undefined && Object.prototype.hasOwnProperty.call(operations, operation) ? operations[operation] : undefined;
	if (!found) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not supported for resource "${resource}"`);
	}
	return found;
}

/** Adds the item number to an error once, keeping n8n's own error objects intact. */
function withItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** Customer Data option: as chosen, else left out for an AI model (PharmaOne Tool) and kept otherwise. */
export function leavesOutCustomerData(setting: unknown, tool: boolean): boolean {
	if (setting === 'include' || setting === 'leaveOut') return setting === 'leaveOut';
	return tool;
}

/**
 * What the model receives of a failed tool call is the error's message: it gets the hint too (what to check,
 * which formats are valid), which n8n would otherwise keep apart. Messages and hints carry no secrets.
 */
function forModel(error: NodeApiError | NodeOperationError): NodeApiError | NodeOperationError {
	const hint = error.description?.trim();
	if (hint && !error.message.includes(hint)) error.message = `${error.message}${/[.!?]$/.test(error.message) ? '' : '.'} ${hint}`;
	return error;
}

/**
 * The one item loop of the node: look up the operation, create the execution's client, run the
 * operation per item (parallelRequests() at a time, see scheduler.ts), and turn
 * a failed item into an error item when Continue On Fail is on. Output keeps input order.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = findOperation(this);
	const options = this.getNodeParameter('requestOptions', 0, {}) as IDataObject;
	const client = new PharmaOneClient(this, { retry: options.retry !== false, routes: operation.routes });
	const parallel = parallelRequests(options.parallelRequests, operation);
	const tool = isToolNode(this);
	const shape = leavesOutCustomerData(options.customerData, tool) ? leaveOutCustomerData : (json: IDataObject) => json;

	const results = await runScheduled(items.length, parallel, async (i): Promise<INodeExecutionData[]> => {
		try {
			const result = await operation.execute.call(this, i, client);
			const rows = Array.isArray(result) ? result : [result ?? {}];
			return rows.map((json) => ({ json: shape(json), pairedItem: { item: i } }));
		} catch (error) {
			const failure = tool ? forModel(withItem(this, error, i)) : withItem(this, error, i);
			if (!this.continueOnFail()) throw failure;
			const description = failure.description ? { description: failure.description } : {};
			return [{ json: { error: failure.message, ...description }, pairedItem: { item: i } }];
		}
	});
	return [results.flat()];
}
