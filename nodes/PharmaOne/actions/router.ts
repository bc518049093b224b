import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { RESOURCES } from './resources';
import type { OperationModule } from './types';

function findOperation(ctx: IExecuteFunctions): OperationModule {
	const resource = ctx.getNodeParameter('resource', 0) as string;
	const operation = ctx.getNodeParameter('operation', 0) as string;
	const operations = (RESOURCES as Record<string, { operations: Record<string, OperationModule> }>)[resource]
		?.operations;
	const found = operations?.[operation];
	if (!found) {
		throw new NodeOperationError(ctx.getNode(), `The operation "${operation}" is not supported for resource "${resource}"`);
	}
	return found;
}

function toItems(result: IDataObject | IDataObject[], itemIndex: number): INodeExecutionData[] {
	const rows = Array.isArray(result) ? result : [result ?? {}];
	return rows.map((json) => ({ json, pairedItem: { item: itemIndex } }));
}

/** Adds the item number to an error once, keeping n8n's own error objects intact. */
function withItem(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex ??= itemIndex;
		return error;
	}
	return new NodeOperationError(ctx.getNode(), error as Error, { itemIndex });
}

/** The one item loop of the node: look up the operation, run it per item, handle failures. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operation = findOperation(this);
	const output: INodeExecutionData[] = [];

	for (let i = 0; i < items.length; i++) {
		try {
			output.push(...toItems(await operation.execute.call(this, i), i));
		} catch (error) {
			const failure = withItem(this, error, i);
			if (!this.continueOnFail()) throw failure;
			output.push({
				json: { error: failure.message, ...(failure.description ? { description: failure.description } : {}) },
				pairedItem: { item: i },
			});
		}
	}
	return [output];
}
